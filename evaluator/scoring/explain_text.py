"""The sentences of a tambon's explanation (:mod:`evaluator.scoring.explain`), in Thai and
English, keyed by message id."""

from __future__ import annotations

from evaluator.i18n import Catalog

TEXT = Catalog(
    "explain",
    {
        "zscore_head": (
            "คะแนนมาตรฐาน: แต่ละแบบปรับตามผู้ประเมิน z = (คะแนน − ค่าเฉลี่ยของผู้ประเมิน) / SD ของผู้ประเมิน"
            " แล้วแปลงกลับเป็น {mean} + z × {sd} (ค่าเฉลี่ยและ SD ของทุกแบบที่นับได้ในรอบ)",
            "Standard scores: each sheet is adjusted for its inspector,"
            " z = (score − the inspector's mean) / the inspector's SD, then turned back into"
            " {mean} + z × {sd} (the mean and SD of every counted sheet of the round)",
        ),
        "zscore_sheet": (
            "  {inspector}: {total}, ค่าเฉลี่ย {mean}, SD {sd} → z = {z} → {rescaled}",
            "  {inspector}: {total}, mean {mean}, SD {sd} → z = {z} → {rescaled}",
        ),
        "zscore_zero_sd": (" (SD เป็น 0 จึงให้ z = 0)", " (the SD is 0, so z = 0)"),
        "zscore_score": (
            "  คะแนนของตำบล = ค่าเฉลี่ยของคะแนนที่ปรับแล้ว = {score}",
            "  the tambon's score = the mean of the adjusted scores = {score}",
        ),
        "no_counted": (
            "ไม่มีแบบประเมินที่นับได้ จึงไม่มีคะแนน",
            "No counted sheet, so no score",
        ),
        "mean": (
            "คะแนนเฉลี่ยของ {n} แบบ: ({sum}) / {n} = {score}",
            "Mean of {n} sheets: ({sum}) / {n} = {score}",
        ),
        "median_odd": (
            "มัธยฐานของ {n} แบบ (เรียงแล้ว {shown}) คือค่ากลาง = {score}",
            "Median of {n} sheets (sorted: {shown}) is the middle value = {score}",
        ),
        "median_even": (
            "มัธยฐานของ {n} แบบ (เรียงแล้ว {shown}) คือค่าเฉลี่ยของสองค่ากลาง ({a} + {b}) / 2 = {score}",
            "Median of {n} sheets (sorted: {shown}) is the mean of the two middle values"
            " ({a} + {b}) / 2 = {score}",
        ),
        "trimmed": (
            "ตัดค่าสูงสุด {high} และต่ำสุด {low} ออก แล้วเฉลี่ย {k} ค่าที่เหลือ ({sum}) / {k} = {score}",
            "The highest {high} and the lowest {low} left out, the other {k} averaged:"
            " ({sum}) / {k} = {score}",
        ),
        "trimmed_few": (
            "มีไม่ถึง 3 แบบ จึงใช้ค่าเฉลี่ย ({sum}) / {n} = {score}",
            "Fewer than 3 sheets, so the mean: ({sum}) / {n} = {score}",
        ),
        "decided_score": (
            "คะแนนรวมสูงกว่า {gap} คะแนน",
            "a total {gap} points higher",
        ),
        "decided_criterion": (
            "เกณฑ์ตัดสิน {code} (คะแนนรวมเท่ากัน): {own} ต่อ {their}",
            "tie-break criterion {code} (equal totals): {own} to {their}",
        ),
        "scope_zone": ("ในเขตตรวจราชการ", "in the inspection zone"),
        "scope_national": ("ทั้งประเทศ", "in the whole country"),
        "quota_zone": ("{quota} รางวัลต่อเขต", "{quota} prizes per zone"),
        "quota_national": ("{quota} รางวัลทั้งประเทศ", "{quota} prizes in the whole country"),
        "heading_place": (
            "ตำบล{tambon} ({code}) อำเภอ{district} จังหวัด{province} เขตตรวจราชการที่ {zone}",
            "Tambon {tambon} ({code}), district {district}, province {province},"
            " inspection zone {zone}",
        ),
        "heading_round": (
            "รอบ {title} ({code}): วิธีรวมคะแนน {aggregation} ({agg_code}); {quota};"
            " ขั้นต่ำ {min_sheets} แบบ คะแนนอย่างน้อย {min_score}",
            "Round {title} ({code}): aggregation {aggregation} ({agg_code}); {quota};"
            " at least {min_sheets} sheets and a score of at least {min_score}",
        ),
        "heading_sheets": (
            "แบบประเมิน {all} แบบ นับได้ {counted} แบบ:",
            "{all} sheets, {counted} counted:",
        ),
        "counted": ("นับ", "counted"),
        "not_counted": ("ไม่นับ", "not counted"),
        "sheet": (
            "  - {inspector} [{status}]: {detail}; รวม {total} — {verdict}{why}",
            "  - {inspector} [{status}]: {detail}; total {total}: {verdict}{why}",
        ),
        "ineligible": ("ไม่มีสิทธิ์: {reason}", "Not eligible: {reason}"),
        "needs_prerequisite": (
            "ต้องเป็นผู้ได้รับรางวัลรอบ {round} ก่อน",
            "It must first win a prize in round {round}",
        ),
        "needs_sheets": (
            "ต้องมีแบบประเมินที่นับได้เพิ่มอีก {count} แบบ",
            "It needs {count} more counted sheets",
        ),
        "needs_points": (
            "ต้องได้คะแนนเพิ่มอีก {points} คะแนน จึงถึงเกณฑ์ขั้นต่ำ {minimum}",
            "It needs {points} more points to reach the minimum of {minimum}",
        ),
        "pass_needs": (
            "จะแซงตำบล{tambon}ได้ ต้องได้คะแนนรวมมากกว่า {their} คือเพิ่มอีกมากกว่า {gap} คะแนน",
            "To pass tambon {tambon} it needs a total above {their}, that is more than {gap}"
            " points more",
        ),
        "pass_needs_mean": (
            " (คือคะแนนรวมของแบบประเมินทั้ง {sheets} แบบต้องเพิ่มขึ้นรวมกันมากกว่า {points} คะแนน)",
            " (its {sheets} sheets' totals together must rise by more than {points} points)",
        ),
        "behind": (
            "อยู่ถัดจากตำบล{tambon} (อันดับ {rank}) ซึ่งมีคะแนนรวม {their} สูงกว่า {gap} คะแนน",
            "Next after tambon {tambon} (place {rank}), whose total {their} is {gap} points higher",
        ),
        "behind_criterion": (
            "คะแนนรวมเท่ากับตำบล{tambon} (อันดับ {rank}) แต่แพ้ที่ เกณฑ์ตัดสิน {code}: {own} ต่อ {their}",
            "Equal total with tambon {tambon} (place {rank}) but behind on tie-break criterion"
            " {code}: {own} to {their}",
        ),
        "pass_criterion": (
            "จะแซงตำบล{tambon}ได้ ต้องได้คะแนนรวมสูงกว่านี้ หรือได้ค่าเฉลี่ยเกณฑ์ {code} มากกว่า"
            " {their} (ขาดอีก {gap})",
            "To pass tambon {tambon} it needs a higher total, or a mean on criterion {code}"
            " above {their} ({gap} short)",
        ),
        "place": (
            "อันดับ {rank} {scope}{shared}: {status}",
            "Place {rank} {scope}{shared}: {status}",
        ),
        "place_shared": (" (อันดับร่วม {count} ตำบล)", " (shared by {count} tambons)"),
        "tambon_named": ("ตำบล{name} ({code})", "tambon {name} ({code})"),
        "sharing": (
            "ได้อันดับร่วมกับ {names} เพราะคะแนนรวมและทุกเกณฑ์ตัดสินเท่ากัน (ต่างกันไม่เกิน 1e-9)",
            "Shares its place with {names}: equal totals and every tie-break criterion equal"
            " (within 1e-9)",
        ),
        "tie_over_quota": (
            "กลุ่มอันดับร่วมนี้เกินโควตา {quota} รางวัล คณะกรรมการต้องตัดสิน",
            "This group of equal places exceeds the quota of {quota} prizes: the committee decides",
        ),
        "first": ("อยู่อันดับ 1 {scope}แล้ว", "Already first {scope}"),
        "first_shared": (
            "อยู่อันดับ 1 ร่วม จะขึ้นนำเพียงตำบลเดียวได้ต้องได้คะแนนรวมหรือเกณฑ์ตัดสินสูงกว่า",
            "Shares first place: to lead alone it needs a higher total or tie-break criterion",
        ),
        "decision": (
            "คณะกรรมการตัดสินกรณีคะแนนเท่ากัน (โดย {by} เมื่อ {when}): ให้ {winners}"
            " ได้รับรางวัลจากกลุ่ม {group} — {outcome}",
            "The committee decided the tie (by {by} on {when}): {winners} win a prize from the"
            " group {group}; {outcome}",
        ),
        "decision_won": ("ตำบลนี้ได้รับรางวัล", "this tambon wins a prize"),
        "decision_lost": ("ตำบลนี้ไม่ได้รับรางวัล", "this tambon does not"),
        "decision_reason": ("เหตุผลของคณะกรรมการ: {reason}", "The committee's reason: {reason}"),
        "cutoff": (
            "ผู้ได้รับรางวัลลำดับสุดท้าย{scope} คือตำบล{tambon} (อันดับ {rank}) คะแนน {score}"
            " ต้องได้มากกว่านี้อีก {gap} คะแนนจึงจะได้รับรางวัลแน่นอน",
            "The last winner {scope} is tambon {tambon} (place {rank}) with {score}: it needs"
            " more than {gap} points more to be sure of a prize",
        ),
        "tie_break_means": (
            "ค่าเฉลี่ยเกณฑ์ตัดสิน (คะแนน/คะแนนเต็ม): {values}",
            "Tie-break criterion means (score/maximum): {values}",
        ),
        "ahead_of": (
            "นำตำบล{tambon} (อันดับ {rank}) ที่ตามมาด้วย{decided}",
            "Ahead of tambon {tambon} (place {rank}) by {decided}",
        ),
    },
)
