#include "demo/FactoryContent.h"

#include <fmt/format.h>

#include <array>
#include <cstdlib>
#include <iterator>
#include <utility>

namespace rlthf::demo::detail {

namespace {

// ---------------------------------------------------------------- helpers

std::string capitalised(std::string_view text) {
    std::string s(text);
    if (!s.empty() && s[0] >= 'a' && s[0] <= 'z')
        s[0] = static_cast<char>(s[0] - 'a' + 'A');
    return s;
}

std::string_view pickPart(Rng& r) {
    return r.pick({"flange housing", "gear shaft", "PCB connector", "pump impeller", "bearing cap",
                   "valve body", "mounting bracket", "motor end shield", "hydraulic manifold",
                   "drive sprocket", "brake caliper", "cylinder head"});
}

std::string_view pickMachine(Rng& r) {
    return r.pick({"CNC lathe 4", "press 2", "die-cast cell 1", "machining centre MC-07", "grinder G3",
                   "wave solder line", "robot weld cell 5", "moulding press 9"});
}

std::string makeLot(Rng& r) {
    const std::string_view prefix = r.pick({"L", "LOT-", "B"});
    return fmt::format("{}{}", prefix, r.range(1000, 9999));
}

std::string_view pickNotify(Rng& r) {
    return r.pick({"notify the shift supervisor", "inform the shift lead", "escalate to the supervisor on duty",
                   "tell the area supervisor"});
}

// Padding that makes a worse answer longer and more assertive.
void padConfident(Rng& r, Draft& d) {
    d.bad += ' ';
    d.bad += r.pick({"I've done this job for fifteen years and I'm confident this is right.",
                     "Trust me, there is no issue here; we have handled this exact case many times before.",
                     "I am 100% sure about this, and the day shift lead agreed as well.",
                     "Nothing more is needed here, definitely."});
    d.badConfident = true;
}

// ---------------------------------------------------------------- tolerance

struct Feature {
    std::string_view name;
    std::string_view lower;
    std::array<int, 6> nominals;  // hundredths of a millimetre
};

constexpr std::array<Feature, 8> kFeatures{{
    {"Bore diameter", "bore diameter", {600, 800, 1000, 1200, 1600, 2000}},
    {"Shaft diameter", "shaft diameter", {1000, 1200, 1500, 2000, 2500, 3000}},
    {"Flange thickness", "flange thickness", {400, 500, 600, 800, 1000, 1200}},
    {"Slot width", "slot width", {300, 400, 500, 600, 800, 1000}},
    {"Overall length", "overall length", {4500, 6000, 7500, 8000, 12000, 15000}},
    {"Pin height", "pin height", {250, 300, 400, 500, 650, 800}},
    {"Hole spacing", "hole spacing", {2000, 2500, 3200, 4000, 5000, 6300}},
    {"Groove depth", "groove depth", {150, 200, 250, 300, 350, 400}},
}};

struct ToleranceCase {
    int nominal = 0;
    int tol = 0;
    int measured = 0;
    std::string_view machine;
    std::string lot;
    int recheck = 5;
};

// "Reject: limits ... ". `lo`/`hi` are the limits the answer believes; `stated` overrides
// the deviation it quotes (-1: computed from the limits).
void writeReject(Rng& r, std::string& out, const ToleranceCase& c, int lo, int hi, bool full, int stated = -1) {
    const bool above = c.measured > hi;
    const int dev = stated >= 0 ? stated : (above ? c.measured - hi : lo - c.measured);
    out += r.pick({"Reject", "Reject the part", "Not acceptable, reject", "NOK, reject"});
    out += ". ";
    switch (r.below(3)) {
    case 0:
        add(out, "Limits are {}–{} mm and {} mm is {} mm {} limit.", fixed2(lo), fixed2(hi), fixed2(c.measured),
            fixed2(dev), above ? "over the upper" : "under the lower");
        break;
    case 1:
        add(out, "The tolerance band is {} to {} mm, so {} mm is out of tolerance by {} mm.", fixed2(lo), fixed2(hi),
            fixed2(c.measured), fixed2(dev));
        break;
    default:
        if (above)
            add(out, "{} mm exceeds the upper limit of {} mm by {} mm.", fixed2(c.measured), fixed2(hi), fixed2(dev));
        else
            add(out, "{} mm is below the lower limit of {} mm by {} mm.", fixed2(c.measured), fixed2(lo), fixed2(dev));
        break;
    }
    std::array<Step, 4> actions;
    switch (r.below(3)) {
    case 0:
        actions[0] = {"Containment", fmt::format("Tag the part as nonconforming and quarantine lot {}", c.lot)};
        break;
    case 1:
        actions[0] = {"Containment", fmt::format("Red-tag the part and put lot {} on hold", c.lot)};
        break;
    default:
        actions[0] = {"Containment", fmt::format("Segregate the part and hold lot {} for MRB", c.lot)};
        break;
    }
    actions[1] = {"Escalation", fmt::format("Raise an NCR and {}", pickNotify(r))};
    actions[2] = {"Root cause",
                  fmt::format("Check the tool offset and insert wear on the {} before the next part", c.machine)};
    actions[3] = {"Verification",
                  fmt::format("Re-measure the last {} parts to see whether the process has drifted", c.recheck)};
    if (!full) {
        out += ' ';
        out += actions[0].text;
        out += '.';
        return;
    }
    out += '\n';
    renderSteps(out, actions.data(), actions.size(), r.chance(0.5) ? Style::Numbered : Style::Labelled);
}

void writeAccept(Rng& r, std::string& out, const ToleranceCase& c, int lo, int hi, bool full) {
    out += r.pick({"Accept", "Accept the part", "OK, accept", "Conforming, accept"});
    out += ". ";
    const int toUpper = hi - c.measured;
    const int toLower = c.measured - lo;
    if (r.chance(0.5)) {
        add(out, "Limits are {}–{} mm and {} mm is inside the band, {} mm from the {} limit.", fixed2(lo), fixed2(hi),
            fixed2(c.measured), fixed2(std::min(toUpper, toLower)), toUpper <= toLower ? "upper" : "lower");
    } else {
        add(out, "{} mm lies within {}–{} mm, so it is within tolerance.", fixed2(c.measured), fixed2(lo), fixed2(hi));
    }
    out += ' ';
    out += r.pick({"Record the reading on the inspection sheet.", "Log the value on the SPC chart.",
                   "Enter the reading in the inspection record."});
    if (full) {
        out += ' ';
        if (std::min(toUpper, toLower) <= 1)
            add(out, "It is close to the limit, so measure the next {} parts as well.", c.recheck);
        else
            out += r.pick({"Continue with the normal sampling plan.", "Carry on with the standard sampling frequency."});
    }
}

void tolerance(Rng& r, Draft& d) {
    d.topic = "tolerance";
    const Feature& f = kFeatures[r.below(kFeatures.size())];
    static constexpr std::array<int, 6> kTols{1, 2, 3, 5, 10, 20};
    ToleranceCase c;
    c.nominal = f.nominals[r.below(f.nominals.size())];
    c.tol = kTols[r.below(kTols.size())];
    const bool out = r.chance(0.62);
    int dev = out ? c.tol + r.range(1, std::max(2, c.tol)) : r.range(0, c.tol - 1);
    if (r.chance(0.5))
        dev = -dev;
    c.measured = c.nominal + dev;
    c.machine = pickMachine(r);
    c.lot = makeLot(r);
    static constexpr std::array<int, 3> kRechecks{5, 10, 20};
    c.recheck = kRechecks[r.below(kRechecks.size())];
    const int lo = c.nominal - c.tol;
    const int hi = c.nominal + c.tol;
    const std::string_view part = pickPart(r);

    switch (r.below(4)) {
    case 0:
        add(d.prompt, "{} on the {}: {} mm ±{} mm; measured {} mm. Accept or reject?", f.name, part, fixed2(c.nominal),
            fixed2(c.tol), fixed2(c.measured));
        break;
    case 1:
        add(d.prompt,
            "Incoming inspection, {}, lot {}. The drawing calls for {} {} ±{} mm and the CMM reads {} mm. Is the part OK?",
            part, c.lot, f.lower, fixed2(c.nominal), fixed2(c.tol), fixed2(c.measured));
        break;
    case 2:
        add(d.prompt, "The operator measured the {} of a {} from the {} at {} mm with a {}. Spec: {} mm ±{} mm. What is the decision?",
            f.lower, part, c.machine, fixed2(c.measured),
            r.pick({"digital caliper", "micrometer", "CMM probe", "gauge"}), fixed2(c.nominal), fixed2(c.tol));
        break;
    default:
        add(d.prompt, "First-article check on the {} ({}): {} {} mm against {} ±{} mm. Can we release the run?", c.machine,
            part, f.lower, fixed2(c.measured), fixed2(c.nominal), fixed2(c.tol));
        break;
    }

    const bool goodFull = r.chance(0.55);
    if (out)
        writeReject(r, d.good, c, lo, hi, goodFull);
    else
        writeAccept(r, d.good, c, lo, hi, goodFull);

    d.tier = drawTier(r);
    const int absDev = std::abs(dev);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Vague;
        d.rule = "decision_correct";
        const double u = r.uniform();
        if (u < 0.33) {
            if (out)
                add(d.bad, "{}", r.pick({"Probably fine, it's only a hair off. Accept it and monitor it.",
                                         "Should be ok, close enough to nominal. Ship it and keep an eye on the next few.",
                                         "Hard to say, could be measurement error. I'd let it go this time."}));
            else
                add(d.bad, "{}", r.pick({"Not sure, it's close. Maybe re-measure later and see what happens.",
                                         "Probably fine I guess, but scrap it to be safe.",
                                         "Hard to say with these gauges. Ask the day shift, should be ok either way."}));
        } else if (u < 0.52) {
            d.badConfident = true;
            if (out)
                add(d.bad, "Looks good, ship it. {} mm is basically nominal, definitely no issue.", fixed2(c.measured));
            else
                add(d.bad, "Scrap it, it definitely looks off to me. No doubt about it.");
        } else {
            if (out)
                add(d.bad,
                    "Honestly, the gauges on this line read a little off once the shop warms up, and we have shipped parts "
                    "like this for years without a single complaint from the customer. {} mm is so close to {} mm that "
                    "nobody will notice at assembly. I'd say it's probably fine to accept, and we can monitor it over the "
                    "next few shifts if it keeps happening.",
                    fixed2(c.measured), fixed2(c.nominal));
            else
                add(d.bad,
                    "Hard to tell with readings this close, and the {} has been a bit temperamental lately. I would "
                    "probably scrap it to be on the safe side, or put it aside and ask the day shift what they think in the "
                    "morning. Should be ok either way, it is only one part and we have plenty of stock.",
                    c.machine);
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::WrongDecision;
        d.rule = "decision_correct";
        if (out) {
            add(d.bad, "{}. {} mm is within tolerance for {} ±{} mm.", r.pick({"Accept", "OK, accept", "Accept the part"}),
                fixed2(c.measured), fixed2(c.nominal), fixed2(c.tol));
            add(d.bad, " {}", r.pick({"Record the reading and continue.", "Log it and carry on with the run.",
                                      "Release the run."}));
        } else {
            add(d.bad, "{}. {} mm is out of tolerance for {} ±{} mm.", r.pick({"Reject", "Reject the part", "NOK, reject"}),
                fixed2(c.measured), fixed2(c.nominal), fixed2(c.tol));
            add(d.bad, " Scrap it and {}.", pickNotify(r));
        }
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        d.flaw = Flaw::WrongValue;
        d.rule = "numbers_correct";
        const bool badFull = r.chance(0.5);
        const bool sameDecision = r.chance(0.35) || (!out && absDev < 2);
        if (!sameDecision && out) {
            // Misreads the tolerance: a wider band that makes the part look good.
            int wrong = 2 * c.tol;
            if (absDev >= wrong)
                wrong = c.tol + 5;
            if (absDev >= wrong)
                wrong = 10 * c.tol;
            writeAccept(r, d.bad, c, c.nominal - wrong, c.nominal + wrong, badFull);
        } else if (!sameDecision) {
            // A band that is too tight: rejects a good part.
            const int wrong = absDev / 2;
            writeReject(r, d.bad, c, c.nominal - wrong, c.nominal + wrong, badFull);
        } else if (out) {
            // Right decision, wrong deviation.
            const int realDev = absDev - c.tol;
            const int stated = realDev + (r.chance(0.5) ? c.tol : 5 * r.range(1, 4));
            writeReject(r, d.bad, c, lo, hi, badFull, stated);
            d.difficultyShift += 8;
        } else {
            // Right decision, but quotes the band as twice as wide.
            writeAccept(r, d.bad, c, c.nominal - 2 * c.tol, c.nominal + 2 * c.tol, badFull);
            d.difficultyShift += 8;
        }
        break;
    }
    }
}

// ---------------------------------------------------------------- defects / 8D

struct DefectKind {
    std::string_view what;
    std::string_view cause1;
    std::string_view cause2;
    std::string_view record;
    std::string_view fix;
};

constexpr std::array<DefectKind, 9> kDefects{{
    {"a 0.3 mm burr along the bore edge", "a worn deburring tool", "a wrong feed rate on the finishing pass",
     "the tool-life records", "set a tool-life limit for the deburring tool in the CNC program"},
    {"scratches up to 2 mm long on the sealing face", "damaged part trays", "chips trapped in the fixture",
     "the handling between stations", "replace the trays with padded dunnage and add a chip blow-off"},
    {"porosity in the casting wall", "too-low shot pressure", "moisture in the die release agent",
     "the die-cast process data", "add a shot-pressure alarm and a daily release-agent check"},
    {"a hairline crack at the fillet radius", "overheating during hardening", "a sharp tool nose radius",
     "the heat-treat furnace charts", "recalibrate the furnace thermocouples and add a radius gauge check"},
    {"dents on the mating face", "parts dropping at the unload chute", "overfilled bins", "the unload chute",
     "fit a damped chute and a bin fill-level mark"},
    {"bent pins", "misaligned press-fit tooling", "rough handling at packing", "the press-fit force curves",
     "add a force-window check to the press-fit station"},
    {"cold solder joints", "a low wave solder temperature", "contaminated flux", "the solder profile log",
     "add a profile check at every shift start and a flux change interval"},
    {"flash along the parting line", "worn mould shut-off faces", "too-high injection pressure",
     "the mould maintenance records", "refurbish the shut-off faces and lock the pressure window"},
    {"discoloration from overheating", "a blocked coolant nozzle", "a wrong spindle speed", "the coolant flow",
     "add a coolant-flow sensor with a machine stop"},
}};

std::array<Step, 4> defectSteps(Rng& r, const DefectKind& k, std::string_view machine, const std::string& lot) {
    std::array<Step, 4> s;
    s[0] = {"Containment",
            std::string(r.pick({"Quarantine lot ", "Put lot ", "Stop shipment of lot ", "Block lot "})) + lot};
    switch (s[0].text[0]) {
    case 'Q':
        s[0].text += " and red-tag the suspect parts";
        break;
    case 'P':
        add(s[0].text, " on hold and segregate all WIP from the {}", machine);
        break;
    case 'S':
        s[0].text += " and sort 100% of the stock on the line and in the warehouse";
        break;
    default:
        s[0].text += " in the ERP and move the parts to the MRB cage";
        break;
    }
    switch (r.below(3)) {
    case 0:
        s[1] = {"Root cause", fmt::format("Find the root cause with a 5-why on the {}: check {} and {}", machine, k.cause1,
                                          k.cause2)};
        break;
    case 1:
        s[1] = {"Root cause",
                fmt::format("Run a fishbone with the setter; first suspects are {} and {}", k.cause1, k.cause2)};
        break;
    default:
        s[1] = {"Root cause", fmt::format("Review {} to check whether the root cause is {}", k.record, k.cause1)};
        break;
    }
    switch (r.below(3)) {
    case 0:
        s[2] = {"Verification", fmt::format("Verify the fix by inspecting the next {} parts 100% before going back to "
                                            "normal sampling",
                                            r.pick({"50", "100", "200"}))};
        break;
    case 1:
        s[2] = {"Verification", fmt::format("Verify with a first-off plus {} consecutive good parts signed off by QA",
                                            r.pick({"10", "20", "30"}))};
        break;
    default:
        s[2] = {"Verification", "Confirm the fix worked: zero rejects on the next three lots before closing the NCR"};
        break;
    }
    const int ncr = r.range(1000, 9999);
    s[3] = {"Escalation", fmt::format("Raise NCR-{} and {}", ncr, pickNotify(r))};
    return s;
}

void defect(Rng& r, Draft& d) {
    d.topic = "defect";
    d.rule = "complete_action";
    const DefectKind& k = kDefects[r.below(kDefects.size())];
    const std::string_view part = pickPart(r);
    const std::string_view machine = pickMachine(r);
    const std::string lot = makeLot(r);
    switch (r.below(4)) {
    case 0: {
        const std::string_view who =
            r.pick({"The final inspector", "A line operator", "The night-shift auditor", "Incoming QC"});
        add(d.prompt, "{} found {} on the {} (lot {}, {} pcs). What should we do?", who, k.what, part, lot,
            r.range(2, 40) * 50);
        break;
    }
    case 1: {
        const int flagged = r.range(2, 9);
        add(d.prompt, "Visual inspection flagged {} of {} {}s from the {} with {}. Lot {}. Next steps?", flagged,
            r.pick({"32", "50", "80", "125"}), part, machine, k.what, lot);
        break;
    }
    case 2:
        add(d.prompt, "{} reported on {}s from the {}, {} shift, lot {}. How do we disposition this?", capitalised(k.what),
            part, machine, r.pick({"early", "late", "night"}), lot);
        break;
    default:
        add(d.prompt, "Customer line-side audit: {} on one {} from lot {}. What is our response?", k.what, part, lot);
        break;
    }

    const std::array<Step, 4> steps = defectSteps(r, k, machine, lot);
    const double goodForm = r.uniform();
    if (goodForm < 0.3) {
        // Compact: containment, root cause and verification in one sentence.
        const std::string_view verb = r.pick({"Quarantine", "Hold", "Contain"});
        add(d.good, "{} lot {}, find the root cause ({} or {}) and verify the fix on the next {} parts before release.",
            verb, lot, k.cause1, k.cause2, r.pick({"50", "100"}));
    } else {
        renderSteps(d.good, steps.data(), goodForm < 0.65 ? 3 : 4, drawStyle(r));
    }

    d.tier = drawTier(r);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Vague;
        const double u = r.uniform();
        if (u < 0.33) {
            d.bad += r.pick({"Probably fine, these marks are cosmetic. Ship it and monitor it.",
                             "Should be ok, just keep an eye on it.",
                             "Rework the bad ones and move on, it's probably a one-off.",
                             "Probably a one-off. Monitor it and see if it comes back."});
        } else if (u < 0.52) {
            d.badConfident = true;
            d.bad += r.pick({"Not an issue, definitely cosmetic. Ship the lot.",
                             "No doubt this is within normal variation, ship it as is."});
        } else {
            add(d.bad,
                "We see this kind of thing on the {} every now and then and it usually goes away by itself after a "
                "few hours of running. The customer has never complained about the {} before, so I think it's probably fine. "
                "Let's keep running, monitor it over the next shifts and only do something if it gets clearly worse.",
                machine, part);
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::Incomplete;
        switch (r.below(3)) {
        case 0:
            add(d.bad, "Adjust the {} and carry on with the run. Rework parts if the customer complains.", machine);
            break;
        case 1:
            add(d.bad, "Scrap the bad parts and continue production. The rest of lot {} can ship as planned.", lot);
            break;
        default:
            add(d.bad, "Change the tool on the {} and keep running; the problem should go away after that.", machine);
            break;
        }
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        d.flaw = Flaw::MissingStep;
        const std::size_t skip = r.chance(0.5) ? 2 : (r.chance(0.6) ? 0 : 1);
        const std::size_t shown = r.chance(0.5) ? 4 : 3;
        const Style style = drawStyle(r);
        renderWithout(d.bad, steps.data(), shown, skip, style);
        d.bad += style == Style::Prose ? ' ' : '\n';
        if (skip == 2)
            d.bad += r.pick({"Then resume normal production.", "After that, go back to the usual sampling."});
        else if (skip == 0)
            add(d.bad, "Lot {} can ship as planned in the meantime.", lot);
        else
            d.bad += r.pick({"Retrain the operator.", "Replace the tool and restart."});
        break;
    }
    }
}

struct Finding {
    std::string_view what;
    std::string_view cause;
    std::string_view fix;
};

constexpr std::array<Finding, 4> kFindings{{
    {"work instructions at the assembly cell are two revisions out of date",
     "no owner for releasing instruction updates to the floor", "link instruction release to the document control workflow"},
    {"torque values are not recorded for the final assembly", "the torque tool is not connected to the traceability system",
     "connect the torque tool and block the station without a record"},
    {"the reject bin at the end-of-line test is not locked", "a missing key-control rule",
     "install a locked reject cage with key control by QA"},
    {"first-article checks are skipped after tool changes", "the tool-change checklist has no first-article sign-off",
     "add a first-article sign-off that the machine requires before the next cycle"},
}};

void corrective(Rng& r, Draft& d) {
    d.topic = "corrective_action";
    d.rule = "complete_action";
    const DefectKind& k = kDefects[r.below(kDefects.size())];
    const std::string_view part = pickPart(r);
    const std::string_view customer = r.pick({"Nordtek", "Alvar Motors", "KSP Hydraulics", "Brightline Rail", "Orbis Pumps"});
    std::string_view cause = k.cause1;
    std::string_view fix = k.fix;
    bool finding = false;
    switch (r.below(3)) {
    case 0:
        add(d.prompt, "Customer {} returned {} {}s with {}. Draft the 8D response, D3 to D7.", customer, r.range(3, 60),
            part, k.what);
        break;
    case 1:
        add(d.prompt, "Write the root-cause and corrective-action section for complaint CC-{}: {} on the {}.",
            r.range(100, 999), k.what, part);
        break;
    default: {
        const Finding& f = kFindings[r.below(kFindings.size())];
        cause = f.cause;
        fix = f.fix;
        finding = true;
        add(d.prompt, "Internal audit finding: {}. What goes into the corrective action?", f.what);
        break;
    }
    }

    std::array<Step, 4> s;
    s[0] = {"D3 containment",
            std::string(finding ? r.pick({"Close the gap on the spot today and check every other line for the same issue",
                                          "Correct the finding today and quarantine any product made while it was open"})
                                : r.pick({"Sort all stock at the customer, in transit and in-house, and quarantine "
                                          "suspect lots",
                                          "Hold and 100% inspect every suspect lot in the warehouse and at the customer",
                                          "Put a containment sort in place at our dock and at the customer until the "
                                          "fix is in"}))};
    s[1] = {"D4 root cause",
            fmt::format("{} traced it to {}", r.pick({"A 5-why", "An is/is-not analysis", "A fishbone review"}), cause)};
    s[2] = {"D5/D6 corrective action", capitalised(fix)};
    s[3] = {"D7 verification", std::string(r.pick(
                                   {"Verify effectiveness over three production lots with zero defects, then update the "
                                    "PFMEA and control plan",
                                    "Confirm the fix with a capability study and update the control plan",
                                    "Verify on the next 1,000 parts and audit the change after 30 days"}))};
    if (r.chance(0.3)) {
        // Compact: the four disciplines in one short paragraph.
        add(d.good, "Contain: {}. Root cause: {}. Fix: {}. Verify over three lots before closing.",
            finding ? "close the gap today and check the other lines" : "sort suspect stock here and at the customer",
            cause, fix);
    } else {
        renderSteps(d.good, s.data(), s.size(), r.chance(0.45) ? Style::Labelled : drawStyle(r));
    }

    d.tier = drawTier(r);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Vague;
        const double u = r.uniform();
        if (u < 0.33) {
            d.bad += r.pick({"Tell the customer it was a one-off. Retrain the operator and monitor it.",
                             "Probably a one-off, should be ok going forward.",
                             "Apologise and send replacement parts. We'll keep an eye on it."});
        } else if (u < 0.52) {
            d.badConfident = true;
            d.bad += r.pick({"It's operator error, no doubt. Retrain and close it.",
                             "Definitely a one-off. Close the complaint, nothing to change."});
        } else {
            d.bad += "Honestly, I think this was bad luck more than anything. The process has been stable for months and "
                     "nobody else has reported anything similar, so it is probably a one-off with a new operator. I'd "
                     "send the customer a polite note, ship replacement parts this week, remind the team to be careful and "
                     "monitor it for a while. If it comes back we can look into it in more detail then.";
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::Incomplete;
        d.bad += r.pick({"Retrain the operator and add an extra visual inspection at the end of the line. Close the complaint.",
                         "Send the customer new parts and add a reminder to the work instruction.",
                         "Add a 100% visual check at packing and close the 8D."});
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        d.flaw = Flaw::MissingStep;
        const std::size_t skip = r.chance(0.55) ? 3 : (r.chance(0.6) ? 0 : 1);
        const Style style = r.chance(0.45) ? Style::Labelled : drawStyle(r);
        renderWithout(d.bad, s.data(), s.size(), skip, style);
        d.bad += style == Style::Prose ? ' ' : '\n';
        if (skip == 3)
            d.bad += r.pick({"Close the 8D once the fix is in place.", "Then close the complaint."});
        else if (skip == 0)
            d.bad += finding ? "Product made in the meantime is fine as it is."
                             : "Parts already shipped can stay at the customer.";
        else
            d.bad += "The operator was retrained.";
        break;
    }
    }
}

// ---------------------------------------------------------------- hand-over

void handover(Rng& r, Draft& d) {
    d.topic = "handover";
    const int line = r.range(1, 6);
    const std::array<std::string_view, 3> shifts{"early", "late", "night"};
    const std::size_t si = r.below(3);
    const std::string_view shift = shifts[si];
    const std::string_view next = shifts[(si + 1) % 3];
    int produced = r.range(40, 260) * 10;
    produced += r.range(0, 9);
    const int scrap = r.range(3, 60);
    const int down = r.range(2, 18) * 5;
    const std::string_view machine = pickMachine(r);
    const std::string_view reason =
        r.pick({"a hydraulic leak", "a tool breakage", "a sensor fault", "a material jam", "a changeover overrun"});

    std::array<std::string, 4> issues;
    const std::size_t nIssues = 1 + r.below(3);
    {
        std::array<int, 5> order{0, 1, 2, 3, 4};
        for (std::size_t i = 0; i < nIssues; ++i) {
            const std::size_t j = i + r.below(order.size() - i);
            std::swap(order[i], order[j]);
            switch (order[i]) {
            case 0:
                issues[i] = fmt::format("NCR-{} waiting for MRB disposition", r.range(1000, 9999));
                break;
            case 1: {
                const int ticket = r.range(1000, 9999);
                issues[i] = fmt::format("maintenance ticket MT-{} open for an oil leak on the {}", ticket, pickMachine(r));
                break;
            }
            case 2: {
                const int boxes = r.range(2, 12);
                issues[i] = fmt::format("{} boxes of lot {} on hold for re-inspection", boxes, makeLot(r));
                break;
            }
            case 3:
                issues[i] = fmt::format("gauge G-{} at calibration, spare in use", r.range(100, 999));
                break;
            default: {
                const int orderNo = r.range(40000, 49999);
                issues[i] = fmt::format("material for order {} short, {} coils left", orderNo, r.range(1, 6));
                break;
            }
            }
        }
    }
    auto joinIssues = [&](std::string& out, std::size_t skip, bool numbered) {
        std::size_t n = 0;
        for (std::size_t i = 0; i < nIssues; ++i) {
            if (i == skip)
                continue;
            if (n > 0)
                out += "; ";
            if (numbered)
                add(out, "({}) ", n + 1);
            out += issues[i];
            ++n;
        }
    };

    if (r.chance(0.5)) {
        add(d.prompt, "Write the shift hand-over note for Line {} ({} to {} shift). Facts: {} pcs produced, {} scrap, {} min "
                      "downtime on the {} ({}). Open: ",
            line, shift, next, produced, scrap, down, machine, reason);
        joinIssues(d.prompt, nIssues, false);
        d.prompt += '.';
    } else {
        add(d.prompt, "{} shift, Line {}: output {}, scrap {}. The {} was down {} min for {}. Still open: ",
            capitalised(shift), line, produced, scrap, machine, down, reason);
        joinIssues(d.prompt, nIssues, false);
        d.prompt += ". Write the hand-over for the next shift.";
    }

    // A structured note; `wrong` picks a count to misstate (0 none), `skip` an issue to drop.
    auto structured = [&](std::string& out, bool full, int wrong, std::size_t skip) {
        int p = produced, s = scrap, m = down;
        if (wrong == 1) {
            // A typo-like slip: swapped digits, or a missing/extra tens digit.
            const int swapped = (s % 10) * 10 + s / 10;
            s = (s >= 10 && swapped != s) ? swapped : s + 10 * r.range(1, 4);
        } else if (wrong == 2) {
            const int sign = r.chance(0.5) ? 1 : -1;
            p += sign * 100 * r.range(1, 3);
        } else if (wrong == 3) {
            m += 5 * r.range(2, 6);
        }
        const std::size_t shown = skip < nIssues ? nIssues - 1 : nIssues;
        if (full) {
            add(out, "Line {} hand-over ({} → {})\n- Output: {} pcs, scrap {}\n- Downtime: {} min on the {} ({})\n"
                     "- Open issues ({}): ",
                line, shift, next, p, s, m, machine, reason, shown);
            joinIssues(out, skip, true);
            add(out, "\n- Next shift: {}", r.pick({"follow up on the open items above first",
                                                   "check the open items before the first changeover",
                                                   "confirm status of the open items with maintenance and QA"}));
        } else {
            add(out, "Output {} / scrap {}. Downtime {} min ({}, {}). Open issues: ", p, s, m, machine, reason);
            joinIssues(out, skip, false);
            out += '.';
        }
    };

    structured(d.good, r.chance(0.5), 0, nIssues);

    d.tier = drawTier(r);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Chatty;
        d.rule = "handover_structured";
        const double u = r.uniform();
        if (u < 0.35) {
            d.bad += r.pick({"All good, see you tomorrow!", "Quiet one, nothing much to report. Cheers!",
                             "Pretty normal shift, should be ok."});
        } else if (u < 0.55) {
            d.badConfident = true;
            d.bad += r.pick({"Everything is under control, definitely nothing to worry about. Have a good one!",
                             "No issues at all, trust me, the line is running perfectly."});
        } else {
            add(d.bad,
                "Hey all, busy {} shift! The {} acted up again but the guys did a great job keeping things moving. "
                "Maintenance came by at some point and had a look. Good team effort overall, nothing major to report, "
                "coffee machine is fixed too. Have a good one and see you tomorrow!",
                shift, machine);
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::Incomplete;
        d.rule = "handover_structured";
        add(d.bad, "The {} had some downtime for {} and maintenance looked at it. Output was about normal and a few "
                   "parts were scrapped. {}",
            machine, reason, r.pick({"A couple of things are still open.", "Some paperwork is still pending.",
                                     "Ask me if anything is unclear."}));
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        const bool full = r.chance(0.5);
        if (nIssues >= 2 && r.chance(0.45)) {
            d.flaw = Flaw::MissingStep;
            d.rule = "handover_structured";
            structured(d.bad, full, 0, r.below(nIssues));
        } else {
            d.flaw = Flaw::WrongValue;
            d.rule = "numbers_correct";
            structured(d.bad, full, r.range(1, 3), nIssues);
        }
        break;
    }
    }
}

// ---------------------------------------------------------------- calibration

struct Gauge {
    std::string_view name;
    std::string_view unit;
    int errMin;  // hundredths
    int errMax;
    int allow;
};

constexpr std::array<Gauge, 6> kGauges{{
    {"digital caliper", "mm", 4, 12, 2},
    {"outside micrometer", "mm", 2, 6, 1},
    {"torque wrench", "N·m", 80, 250, 50},
    {"bore gauge", "mm", 2, 8, 1},
    {"height gauge", "mm", 3, 10, 2},
    {"pressure gauge", "bar", 20, 90, 10},
}};

void calibration(Rng& r, Draft& d) {
    d.topic = "calibration";
    d.rule = "complete_action";
    const Gauge& g = kGauges[r.below(kGauges.size())];
    const std::string_view idPrefix = r.pick({"CAL", "G", "QA"});
    const std::string id = fmt::format("{}-{}", idPrefix, r.range(100, 999));
    const std::string_view part = pickPart(r);
    const std::string lot = makeLot(r);
    const int err = r.range(g.errMin, g.errMax);
    switch (r.below(3)) {
    case 0:
        add(d.prompt, "The {} {} failed its calibration check: as-found error {} {} against an allowed {} {}. It was used "
                      "on {} lots for the last {} weeks. What now?",
            g.name, id, fixed2(err), g.unit, fixed2(g.allow), g.unit, part, r.range(2, 8));
        break;
    case 1:
        add(d.prompt, "The calibration sticker on {} {} expired {} days ago and it was used for final inspection of the {}. "
                      "Next steps?",
            g.name, id, r.range(2, 40), part);
        break;
    default:
        add(d.prompt, "During the daily check, {} {} read {} {} off on the reference standard. It measured lot {} this "
                      "morning. What should QA do?",
            g.name, id, fixed2(err), g.unit, lot);
        break;
    }

    std::array<Step, 4> s;
    switch (r.below(3)) {
    case 0:
        s[0] = {"Containment", fmt::format("Tag {} out of service and pull it from the station", id)};
        break;
    case 1:
        s[0] = {"Containment", fmt::format("Red-tag {} with a 'do not use' label and remove it from the line", id)};
        break;
    default:
        s[0] = {"Containment", fmt::format("Quarantine {} in the QA cage so nobody can use it", id)};
        break;
    }
    s[1] = {"Root cause", std::string(r.pick({"Record the as-found readings and find out why it drifted or was missed: "
                                              "dropped, worn, or a gap in the recall schedule",
                                              "Log the as-found data and check the recall schedule to see why it was "
                                              "missed or drifted"}))};
    const std::string_view trace = r.pick({"Trace every lot measured with", "List all lots checked with"});
    s[2] = {"Impact assessment", fmt::format("{} {} since its last good calibration and {}", trace, id,
                                             r.pick({"re-measure or hold them",
                                                     "re-inspect a sample with a calibrated gauge"}))};
    s[3] = {"Verification", std::string(r.pick({"Recalibrate or replace it and verify against a gauge block before it "
                                                "goes back in use",
                                                "After calibration, verify it on the reference standard and record the "
                                                "as-left values"}))};
    if (r.chance(0.35)) {
        // Compact: the same four steps in one sentence.
        add(d.good, "Tag {} out of service, record the as-found data, trace the lots measured since its last good "
                    "calibration and re-check them, then recalibrate and verify it before reuse.",
            id);
    } else {
        renderSteps(d.good, s.data(), s.size(), drawStyle(r));
    }

    d.tier = drawTier(r);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Vague;
        const double u = r.uniform();
        if (u < 0.33) {
            d.bad += r.pick({"Calibration is just paperwork, keep using it. It's probably fine.",
                             "Should be ok, the readings looked normal. Monitor it.",
                             "Probably fine, just book it in for calibration whenever the lab has time."});
        } else if (u < 0.52) {
            d.badConfident = true;
            d.bad += r.pick({"No issue, that gauge has never been wrong. Keep using it.",
                             "Definitely fine, the error is tiny. Carry on."});
        } else {
            add(d.bad, "To be honest, these small errors hardly matter for {} parts, and we have used {} for years without "
                       "any problems. The lab is busy this week anyway, so I'd keep using it for now, monitor the "
                       "readings and send it in for calibration once things calm down a bit.",
                part, id);
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::Incomplete;
        add(d.bad, "{}", r.pick({"Send it out for calibration and use a spare in the meantime.",
                                 "Recalibrate it and carry on.", "Swap it for another gauge and continue the inspection."}));
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        d.flaw = Flaw::MissingStep;
        const std::size_t skip = r.chance(0.65) ? 2 : 0;
        renderWithout(d.bad, s.data(), s.size(), skip, drawStyle(r));
        if (skip == 2)
            d.bad += r.pick({" Parts already measured are fine as they are.", " Only re-check today's parts.", ""});
        break;
    }
    }
}

// ---------------------------------------------------------------- safety

struct SafetyMachine {
    std::string_view name;
    std::string_view energy;
};

constexpr std::array<SafetyMachine, 6> kSafetyMachines{{
    {"hydraulic press 2", "bleed the hydraulic pressure and block the ram"},
    {"robot weld cell 5", "release the pneumatic pressure and move the robot arm to its rest position"},
    {"CNC lathe 4", "wait for the spindle to stop and release the pneumatic chuck pressure"},
    {"conveyor at the packing station", "release belt tension and chock the rollers"},
    {"moulding press 9", "bleed the hydraulic accumulator and let the heaters cool"},
    {"band saw in the cutting area", "lower the saw head onto its stop and wait for the blade to stop"},
}};

void safety(Rng& r, Draft& d) {
    d.topic = "safety";
    d.rule = "safety_step_kept";
    const SafetyMachine& m = kSafetyMachines[r.below(kSafetyMachines.size())];
    const std::size_t variant = r.below(4);
    switch (variant) {
    case 0:
        add(d.prompt, "An operator needs to clear a jam in the {}. Write the steps.", m.name);
        break;
    case 1:
        add(d.prompt, "Maintenance wants to change the {} on the {} during the shift. What is the safe procedure?",
            r.pick({"sensor bracket", "wear plate", "guard panel", "gripper fingers"}), m.name);
        break;
    case 2:
        add(d.prompt, "The guard interlock on the {} is faulty and the operator asks to bypass it to finish order {}. "
                      "Response?",
            m.name, r.range(40000, 49999));
        break;
    default:
        add(d.prompt, "A {} is stuck in the fixture of the {}. How should the setter remove it?", pickPart(r), m.name);
        break;
    }

    std::array<Step, 6> s;
    s[0] = {"Notify", capitalised(pickNotify(r))};
    s[0].text += r.pick({" before starting", " and stop the machine", " and cordon off the area"});
    s[1] = {"Isolate", std::string(r.pick({"Apply lockout/tagout at the main isolator with your personal lock",
                                           "Lock out and tag out every energy source with a personal padlock and tag",
                                           "Isolate the machine and apply LOTO, one lock per person working on it"}))};
    s[2] = {"Stored energy", capitalised(m.energy)};
    s[3] = {"Verify", std::string(r.pick({"Verify zero energy with a try-start before anyone reaches in",
                                          "Confirm the isolation with a try-start and a pressure check",
                                          "Test for zero energy: press start and check that nothing moves"}))};
    s[4] = {"Work", variant == 2 ? std::string("Have maintenance repair the interlock; never bypass it")
                                 : std::string(r.pick({"Do the job with the proper tools, hands out of pinch points",
                                                       "Clear the part with a hook tool, not your hands"}))};
    s[5] = {"Restore", std::string(r.pick({"Refit the guards, clear the area and remove locks only then",
                                           "Remove your lock last, after guards are back and everyone is clear"}))};
    const double goodForm = r.uniform();
    if (goodForm < 0.3) {
        // Compact: the four safety steps in one sentence.
        add(d.good, "{}, lock out and tag out the {}, {}, and verify zero energy with a try-start before starting.",
            capitalised(pickNotify(r)), m.name, m.energy);
    } else if (goodForm < 0.65) {
        renderSteps(d.good, s.data(), s.size(), drawStyle(r));
    } else {
        std::array<Step, 4> core{{s[0], s[1], s[2], s[3]}};
        renderSteps(d.good, core.data(), core.size(), drawStyle(r));
    }

    d.tier = drawTier(r);
    switch (d.tier) {
    case Tier::Easy: {
        d.flaw = Flaw::Vague;
        const double u = r.uniform();
        if (u < 0.33) {
            d.bad += variant == 2 ? r.pick({"Bypass it for this order, we're behind schedule. Just be careful.",
                                            "Should be ok to bridge it for an hour, monitor it."})
                                  : r.pick({"Just reach in quickly while it's paused, it'll be fine.",
                                            "Be careful and do it fast, should be ok."});
        } else if (u < 0.52) {
            d.badConfident = true;
            d.bad += r.pick({"No need for the paperwork, it takes two minutes. Just do it.",
                             "Definitely safe, the machine is idle anyway. Go ahead."});
        } else {
            add(d.bad, "Everyone on this line does this a dozen times a shift and we have never had an accident. The {} "
                       "is idle between cycles, so if you are quick and keep your eyes open it's probably fine. Going "
                       "through the whole procedure every time would kill our output numbers, and the supervisor knows "
                       "we are behind anyway.",
                m.name);
        }
        break;
    }
    case Tier::Medium: {
        d.flaw = Flaw::Incomplete;
        d.bad += variant == 2 ? r.pick({"Bridge the interlock with a jumper until the order is done, then report it.",
                                        "Tape the interlock switch closed for now and log a maintenance ticket."})
                              : r.pick({"Hit the e-stop, do the job and restart the cycle.",
                                        "Switch the machine off at the panel, do the job and switch it back on.",
                                        "Press the cycle stop, open the guard and get it done quickly."});
        if (r.chance(0.5))
            padConfident(r, d);
        break;
    }
    case Tier::Hard: {
        d.flaw = Flaw::MissingStep;
        const double u = r.uniform();
        const std::size_t skip = u < 0.45 ? 3 : (u < 0.75 ? 2 : 0);
        const std::size_t shown = r.chance(0.5) ? s.size() : 4;
        renderWithout(d.bad, s.data(), shown, skip, drawStyle(r));
        break;
    }
    }
}

} // namespace

std::string fixed2(int hundredths) {
    const int v = std::abs(hundredths);
    return fmt::format("{}{}.{:02}", hundredths < 0 ? "-" : "", v / 100, v % 100);
}

Tier drawTier(Rng& r) {
    const double u = r.uniform();
    if (u < 0.34)
        return Tier::Easy;
    if (u < 0.67)
        return Tier::Medium;
    return Tier::Hard;
}

Style drawStyle(Rng& r) {
    const double u = r.uniform();
    if (u < 0.35)
        return Style::Prose;
    if (u < 0.7)
        return Style::Numbered;
    return Style::Labelled;
}

void renderSteps(std::string& out, const Step* steps, std::size_t count, Style style,
                 const StepMarks& marks) {
    static constexpr std::array<std::string_view, 10> kCircled{"①", "②", "③", "④", "⑤",
                                                               "⑥", "⑦", "⑧", "⑨", "⑩"};
    for (std::size_t i = 0; i < count; ++i) {
        const Step& s = steps[i];
        switch (style) {
        case Style::Prose:
            if (i > 0)
                out += marks.proseGap;
            out += s.text;
            break;
        case Style::Numbered:
            if (i > 0)
                out += '\n';
            if (marks.circledNumbers && i < kCircled.size())
                out += kCircled[i];
            else
                add(out, "{}) ", i + 1);
            out += s.text;
            break;
        case Style::Labelled:
            if (i > 0)
                out += '\n';
            out += s.label;
            out += marks.labelMark;
            out += s.text;
            break;
        }
        out += marks.stop;
    }
}

void renderWithout(std::string& out, const Step* steps, std::size_t count, std::size_t skip,
                   Style style, const StepMarks& marks) {
    std::array<Step, 8> kept;
    std::size_t n = 0;
    for (std::size_t i = 0; i < count && n < kept.size(); ++i)
        if (i != skip)
            kept[n++] = steps[i];
    renderSteps(out, kept.data(), n, style, marks);
}

std::uint64_t recordSeed(std::uint64_t seed, std::uint64_t index) {
    Rng mix(seed ^ 0x6A09E667F3BCC909ull);
    const std::uint64_t a = mix.next();
    Rng mix2(a ^ (index * 0xD1B54A32D192ED03ull));
    return mix2.next();
}

void draftPair(Rng& rng, Draft& draft) {
    draft.clear();
    switch (rng.below(6)) {
    case 0:
        tolerance(rng, draft);
        break;
    case 1:
        defect(rng, draft);
        break;
    case 2:
        corrective(rng, draft);
        break;
    case 3:
        handover(rng, draft);
        break;
    case 4:
        calibration(rng, draft);
        break;
    default:
        safety(rng, draft);
        break;
    }
}

} // namespace rlthf::demo::detail
