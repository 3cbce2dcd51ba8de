# The benchmark suite's summary: for each method, its worst case across the data sets.
#   awk -f packaging/bench-summary.awk SET/table.md ...
# Per set: queue precision ÷ random's, curated-label accuracy − random's and test accuracy −
# full_human's (in points), ROI. A method is as good as its worst set.
function value(cell) { split(cell, parts, " "); return parts[1] }
FNR == 1 { set = FILENAME; sub(/\/table\.md$/, "", set); sub(/.*\//, "", set); sets = sets (sets ? ", " : "") set }
/^\| [a-z_]+ \|/ && $2 != "method" {
    split($0, f, "|")
    m = f[2]; gsub(/ /, "", m)
    test[set, m] = value(f[3]); curated[set, m] = value(f[4]); queue[set, m] = value(f[5])
    roi[set, m] = f[9]; gsub(/[ ×]/, "", roi[set, m])
    if (!(m in seen)) { seen[m] = 1; order[++n] = m }
    setNames[set] = 1
}
function worse(old, new) { return old == "" || new < old ? new : old }
END {
    print "Worst case across " sets ":\n"
    print "| method | queue precision ÷ random's | curated-label accuracy − random's | test accuracy − full_human's | ROI |"
    print "|---|---|---|---|---|"
    for (i = 1; i <= n; ++i) {
        m = order[i]; q = c = t = r = ""
        for (s in setNames) {
            if (!((s, m) in test))
                continue
            if (queue[s, m] != "—" && queue[s, "random"] > 0) q = worse(q, queue[s, m] / queue[s, "random"])
            c = worse(c, (curated[s, m] - curated[s, "random"]) * 100)
            if ((s, "full_human") in test) t = worse(t, (test[s, m] - test[s, "full_human"]) * 100)
            if (roi[s, m] != "—" && roi[s, m] != "") r = worse(r, roi[s, m] + 0)
        }
        printf "| %s | %s | %s | %s | %s |\n", m, q == "" ? "—" : sprintf("%.2f×", q),
            sprintf("%+.1f", c), t == "" ? "—" : sprintf("%+.1f", t), r == "" ? "—" : sprintf("%.1f×", r)
    }
}
