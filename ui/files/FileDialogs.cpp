#include "ui/files/FileDialogs.h"

#include <QFileIconProvider>
#include <QFileInfo>
#include <QMimeDatabase>

namespace rlthf::ui::files {

namespace {

// Icons and type names from the file name alone (Qt's default reads the file's first bytes
// when its name says nothing, as a project's does).
class NameOnlyIconProvider : public QFileIconProvider {
  public:
    QIcon icon(IconType type) const override { return QFileIconProvider::icon(type); }
    QIcon icon(const QFileInfo& info) const override {
        return QFileIconProvider::icon(info.isDir() ? Folder : File);
    }
    QString type(const QFileInfo& info) const override {
        if (info.isDir())
            return QFileIconProvider::type(info); // "Folder": no file is read for a folder
        const QMimeType mime = m_mime.mimeTypeForFile(info, QMimeDatabase::MatchExtension);
        if (!mime.isDefault())
            return mime.comment();
        return info.suffix().isEmpty() ? mime.comment() : info.suffix();
    }

  private:
    QMimeDatabase m_mime;
};

NameOnlyIconProvider& iconProvider() {
    static NameOnlyIconProvider provider;
    return provider;
}

// Where a chooser opened without a folder starts: the last one chosen, as Qt's static
// functions do.
QString& lastFolder() {
    static QString folder;
    return folder;
}

QStringList run(QFileDialog& dialog) {
    if (dialog.exec() != QDialog::Accepted)
        return {};
    lastFolder() = dialog.directory().absolutePath();
    return dialog.selectedFiles();
}

} // namespace

std::unique_ptr<QFileDialog> makeDialog(QWidget* parent, const QString& caption, const QString& dir,
                                        const QString& filter) {
    auto dialog =
        std::make_unique<QFileDialog>(parent, caption, dir.isEmpty() ? lastFolder() : dir, filter);
    // A native dialog may run in this process and read files; Qt's own asks the provider.
    dialog->setOption(QFileDialog::DontUseNativeDialog);
    dialog->setIconProvider(&iconProvider());
    return dialog;
}

QString openFileName(QWidget* parent, const QString& caption, const QString& dir,
                     const QString& filter) {
    auto dialog = makeDialog(parent, caption, dir, filter);
    dialog->setFileMode(QFileDialog::ExistingFile);
    const QStringList chosen = run(*dialog);
    return chosen.isEmpty() ? QString() : chosen.first();
}

QStringList openFileNames(QWidget* parent, const QString& caption, const QString& dir,
                          const QString& filter) {
    auto dialog = makeDialog(parent, caption, dir, filter);
    dialog->setFileMode(QFileDialog::ExistingFiles);
    return run(*dialog);
}

QString saveFileName(QWidget* parent, const QString& caption, const QString& dir,
                     const QString& filter, Existing existing) {
    auto dialog = makeDialog(parent, caption, dir, filter);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setOption(QFileDialog::DontConfirmOverwrite, existing == Existing::Refused);
    dialog->setFileMode(QFileDialog::AnyFile);
    const QStringList chosen = run(*dialog);
    return chosen.isEmpty() ? QString() : chosen.first();
}

} // namespace rlthf::ui::files
