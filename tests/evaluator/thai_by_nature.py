# ruff: noqa: E501  (the texts as the code has them)
"""The Thai in the core that is Thai by nature, for tests/evaluator/test_core_english.py: data
(place names, accepted Thai header names, name titles), documents and the Excel files made for
inspectors (Thai), audit reasons (a record, kept as written), the Thai command line, and the
Thai half of a text whose English is kept beside it (a pair, another argument, a *_EN table).

Anything else a person reads needs its English: "ไทย — English", a Catalog, or a pair.
"""

WHOLE: tuple[str, ...] = (
    "evaluator/cli/",  # the command line speaks Thai (its language since the start)
    "evaluator/demo",  # the demo's made-up people, places, lessons (data)
    "evaluator/lesson_themes.py",  # the demo lessons' Thai themes (data)
    "evaluator/io/templates.py",  # the blank forms' Thai headers and examples (documents)
    "evaluator/i18n.py",  # Thai month names and the layer's own examples
)

TEXTS: dict[str, set[str]] = {
    # the program's Thai name (the English is in the UI's translation)
    "evaluator/about.py": {
        "ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง",
    },
    # a band's range as printed on the Excel scoresheet (a Thai document)
    "evaluator/bands.py": {
        "{} ถึง {}",
        "{} ถึงต่ำกว่า {}",
    },
    # the Thai words of a bilingual problem built around them
    "evaluator/contest/parse.py": {
        "จำนวนเต็ม",
        "ตัวเลข",
    },
    # Thai place-name prefixes and the zone's Thai name (data)
    "evaluator/geography.py": {
        "จ.",
        "จังหวัด",
        "ต.",
        "ตำบล",
        "อ.",
        "อำเภอ",
        "เขต",
        "เขตตรวจราชการที่ {}",
        "แขวง",
    },
    # the Thai header names a table may use (accepted input)
    "evaluator/io/geography_import.py": {
        "จังหวัด",
        "ตำบล",
        "รหัสตำบล",
        "อำเภอ",
        "เขตตรวจราชการ",
    },
    # the Thai header names, titles and province names a table may use (input)
    "evaluator/io/people_import.py": {
        "[0-9+\\-\\s().,/]*(ต่อ|ext\\.?|x)?[0-9\\s\\-]*",
        "กทม.",
        "กรุงเทพมหานคร",
        "กรุงเทพฯ",
        "การประกวด",
        "คำนำหน้า",
        "จังหวัดภูมิลำเนา",
        "ชื่อ",
        "ชื่อ-สกุล",
        "ตำแหน่ง",
        "ตำแหน่ง/บทบาท",
        "นามสกุล",
        "ผู้ประเมิน",
        "รหัสตำบล",
        "รอบ",
        "หมู่บ้าน",
        "อีเมล",
        "เขตตรวจราชการ",
        "โทรศัพท์",
    },
    # the Thai header and status names a table may use (input)
    "evaluator/io/scores_import.py": {
        " และอีก {} แถว",
        "การประกวด",
        "คะแนน",
        "ฉบับร่าง",
        "ผู้ประเมิน",
        "รหัสตำบล",
        "รอบ",
        "ร่าง",
        "สถานะ",
        "ส่ง",
        "ส่งแล้ว",
        "หมายเหตุ",
        "เกณฑ์",
    },
    # an audit reason (a record, kept in Thai)
    "evaluator/io/scores_store.py": {
        "{} (มอบหมายโดยคณะกรรมการผ่านตารางคะแนน)",
    },
    # Thai digits, and the example row's marker in templates (input)
    "evaluator/io/tables.py": {
        "ตัวอย่าง (example)",
        "๐๑๒๓๔๕๖๗๘๙",
    },
    # the Thai header and role names a table may use (input)
    "evaluator/io/users_import.py": {
        "กรรมการ",
        "คณะกรรมการ",
        "ชื่อ-สกุล",
        "ชื่อเข้าระบบ",
        "บทบาท",
        "ผู้ดูแล",
        "ผู้ดูแลระบบ",
        "ผู้ประเมิน",
        "สิทธิ์",
        "หน้าที่",
    },
    # the Thai of a field whose English is beside it (title_en, prompt_en)
    "evaluator/lesson_fields.py": {
        "ครัวเรือน ผลผลิต รายได้ หรือรายจ่ายที่เปลี่ยนไป",
        "ตำบลทำอะไรได้ดี ทำอย่างไร",
        "ตำบลอื่นนำอะไรไปทำต่อได้ และต้องมีอะไรก่อน",
        "ติดขัดอะไร และผ่านมาได้อย่างไร",
        "ปัจจัยแห่งความสำเร็จ",
        "ปัญหาอุปสรรคและวิธีแก้ไข",
        "ผลที่เกิดกับหมู่บ้านเป้าหมาย",
        "สิ่งที่ตำบลอื่นนำไปใช้ได้",
        "อะไรทำให้สำเร็จ (คน กลุ่ม ภาคี ทุน ความรู้)",
        "แนวปฏิบัติที่ดี",
    },
    # the Thai of roles and actions inside bilingual refusals; the screens use ui/labels
    "evaluator/permissions.py": {
        "กำหนดผู้ประเมิน การมอบหมาย และผู้นำการเปลี่ยนแปลง",
        "กำหนดผู้ลงนาม",
        "คณะกรรมการ",
        "จัดการผู้ใช้",
        "ดูความคืบหน้า",
        "ดูผลการจัดอันดับ",
        "ดูรายชื่อตำบล",
        "ดูแบบประเมินของทุกคน",
        "ดูและส่งออกบันทึกการเปลี่ยนแปลง",
        "ตัดสินกรณีคะแนนเท่ากันที่ลำดับตัดรางวัล",
        "ตัดสินแบบประเมินที่ขัดแย้งกัน",
        "ทำเครื่องหมายบทเรียนที่ควรขยายผล",
        "นำเข้าข้อมูลพื้นที่",
        "นำเข้าคะแนนจาก Excel/CSV",
        "นำเข้าหรือลบกุญแจลงนามเกียรติบัตรของกรม",
        "นำเข้าเกณฑ์และรอบการประกวด",
        "นำเข้าแพ็กเกจแบบประเมิน",
        "ผู้ดูแลระบบ",
        "ผู้ประเมิน",
        "พิมพ์เกียรติบัตร",
        "ยืนยันผลรอบการประกวด",
        "ลงทะเบียนกุญแจของผู้ประเมิน",
        "ส่งออกรายงาน",
        "ส่งออกแบบประเมิน Excel ให้ผู้ประเมิน",
        "ส่งออกแพ็กเกจแบบประเมินของตน",
        "ส่งออกแพ็กเกจแบบประเมินของผู้อื่น",
        "เปรียบเทียบตำบล",
        "เปลี่ยนกุญแจที่ลงทะเบียนไว้ของผู้ประเมิน",
        "เปิดรอบที่ยืนยันผลแล้วอีกครั้ง",
        "เปิดแบบประเมินของผู้อื่นกลับเป็นร่าง",
        "แก้ไขแบบประเมินของผู้อื่น",
        "ให้คะแนนในแบบประเมินของตน",
    },
    # the Thai of a Caveat whose English is its next argument
    "evaluator/scoring/caveats.py": {
        "z-score: ผู้ประเมิน {} คนมีแบบประเมินที่นับได้น้อยกว่า {} แบบในรอบนี้ ({}) คะแนนมาตรฐานของผู้ประเมินเหล่านี้ ไม่น่าเชื่อถือ (แบบเดียวจะได้ค่าเฉลี่ยของรอบเสมอ สองแบบจะได้ ±1 ส่วนเบี่ยงเบน มาตรฐานเสมอ) ควรใช้วิธี adjusted หรือ mean",
        "รอบนี้จัดอันดับทั้งประเทศ การปรับคะแนนตามผู้ประเมินเทียบระหว่างเขตได้ ก็ต่อเมื่อมีผู้ประเมินที่ประเมินตำบลในหลายเขต",
        "เขต {}: ผู้ประเมินแบ่งเป็น {} กลุ่มที่ไม่ได้ประเมิน ตำบลร่วมกัน จึงปรับความเข้มงวดระหว่างกลุ่มไม่ได้",
        "เขต {}: ไม่มีตำบลใดมีแบบประเมินที่นับได้สองแบบขึ้นไป จึงปรับคะแนนและประมาณความคลาดเคลื่อนไม่ได้ (ใช้คะแนนตามที่ให้)",
    },
    # the cutoff sentence of the summary report (a Thai document)
    "evaluator/scoring/figures.py": {
        "{} ซึ่งน้อยกว่าความคลาดเคลื่อนของผลต่าง (±{}) ลำดับนี้จึงอาจสลับกันได้; {}",
        "{} มากกว่าความคลาดเคลื่อนของผลต่าง (±{}); {}",
        "{}: ตำบล{} ชนะตำบล{} ด้วยคะแนน {}",
        "{}: ตำบล{} ชนะตำบล{} ด้วยเกณฑ์ตัดสินเมื่อคะแนนเท่ากัน (คะแนนต่างกัน 0.00)",
        "ทั้งประเทศ",
        "เขต {}",
        "ในการสุ่มแบบประเมินซ้ำ ตำบล{}ยังได้คะแนนไม่น้อยกว่าตำบล{} {}% ของการสุ่ม",
    },
    # the Thai of a status label whose English is beside it
    "evaluator/scoring/labels.py": {
        "คะแนนเท่ากัน รอคณะกรรมการตัดสิน",
        "มีสิทธิ์",
        "มีสิทธิ์ ไม่ได้รับรางวัล",
        "ได้รับรางวัล",
        "ไม่มีสิทธิ์",
    },
    # the Thai of aggregation titles; their English is AGGREGATION_TITLES_EN
    "evaluator/scoring/model.py": {
        "คะแนนปรับความเข้มงวดของผู้ประเมิน (แบบจำลองบวกสะสม)",
        "คะแนนมาตรฐาน (z-score) ปรับตามผู้ประเมิน",
        "ค่าเฉลี่ย",
        "ค่าเฉลี่ยตัดค่าสูงสุดและต่ำสุด",
        "มัธยฐาน",
    },
    # flag titles of the Thai documents and the Thai command line
    "evaluator/scoring/ranking.py": {
        "ผู้ประเมินให้คะแนนต่างกันมาก",
        "มีแบบประเมินจากผู้ประเมินที่มีภูมิลำเนาในจังหวัดเดียวกัน",
        "มีแบบประเมินที่กรอกไม่ครบ",
        "มีแบบประเมินที่ขัดแย้งกันรอการแก้ไข",
        "มีแบบประเมินที่ยังเป็นร่าง",
    },
    # the Thai part of a bilingual message, and a form's Thai name
    "evaluator/services/assignments.py": {
        "การมอบหมาย (แก้ไขในหน้าตั้งค่า)",
        "ตำบล {}",
        "ตำบล{} ({})",
    },
    # the Thai words of a bilingual message built around them
    "evaluator/services/audit_key.py": {
        "ลงนาม",
        "สร้างกุญแจนี้",
        "เข้ารหัสกุญแจเดิม",
    },
    # the audit workbook's Thai headers (a document) and sources for it
    "evaluator/services/audit_log.py": {
        "การกระทำ (action)",
        "ข้อมูลตัวอย่าง",
        "ค่าเดิม (old)",
        "ค่าใหม่ (new)",
        "ที่มา (source)",
        "นำเข้าไฟล์",
        "ผู้ทำ (actor)",
        "รหัส (key)",
        "ระบบ",
        "ลำดับ (id)",
        "สิ่งที่เปลี่ยน (entity)",
        "เวลา UTC (at)",
        "เหตุผล (reason)",
        "แป้นพิมพ์",
        "แพ็กเกจ",
        "แฮช (hash)",
    },
    # the verification page's register (a Thai document)
    "evaluator/services/certificate_register.py": {
        "ถูกเพิกถอน: {}",
    },
    # the name of a criterion's or round's place in the Thai record of a contest import (the
    # audit entry's reason); its English is beside it in _FIELD_NAMES
    "evaluator/services/contest_changes.py": {
        "ลำดับ",
    },
    # an audit reason (a record, kept in Thai)
    "evaluator/services/contest_import.py": {
        "นำเข้า {}",
    },
    # the Thai part of a bilingual message
    "evaluator/services/documents.py": {
        " (มี: {})",
        "ไม่พบรอบ '{}'",
    },
    # the Thai words of a bilingual message built around them
    "evaluator/services/finalise.py": {
        "ยืนยันผลรอบการประกวด",
        "เปิดรอบอีกครั้ง",
    },
    # an audit reason (a record, kept in Thai)
    "evaluator/services/imports.py": {
        "นำเข้าคะแนนจากไฟล์ {}",
    },
    # audit reasons (a record, kept in Thai)
    "evaluator/services/keys.py": {
        "ลงทะเบียนกุญแจสาธารณะของผู้ประเมิน",
        "สร้างกุญแจของผู้ประเมินบนเครื่องนี้",
    },
    # audit reasons (a record, kept in Thai)
    "evaluator/services/leaders.py": {
        "ผู้นำตำบล {}",
        "แก้ไขรายชื่อผู้นำในหน้าตั้งค่า",
    },
    # a tambon's place as the lessons' Thai documents name it
    "evaluator/services/lessons.py": {
        "ตำบล{} อำเภอ{} จังหวัด{}",
    },
    # a tambon's place as the lessons' Thai documents name it
    "evaluator/services/lessons_report.py": {
        "ตำบล{} อำเภอ{} จังหวัด{}",
    },
    # Thai name titles (data)
    "evaluator/services/names.py": {
        "ดร.",
        "น.ส.",
        "นาง",
        "นางสาว",
        "นาย",
        "ผศ.",
        "รศ.",
        "ว่าที่ ร.ต.",
        "ว่าที่ ร.ต.หญิง",
        "ว่าที่ร้อยตรี",
        "ว่าที่ร้อยตรีหญิง",
        "ศ.",
    },
    # audit reasons (a record, kept in Thai)
    "evaluator/services/packages.py": {
        "กุญแจจากแพ็กเกจ {} ตรงกับลายนิ้วมือที่ลงทะเบียนไว้",
        "นำเข้าแพ็กเกจ {} ({})",
    },
    # the command line's Thai lines of an imported package (lines() without a language)
    "evaluator/services/package_text.py": {
        "  ขัดแย้ง — conflict: รอบ {} ตำบล {} แบบประเมิน {} (ฉบับที่รับมา {})",
        "  ไม่เปลี่ยนแปลง — skipped: รอบ {} ตำบล {}: {}",
        "นำเข้า {} ของ {}: แบบประเมิน {} ฉบับ",
        "ลงทะเบียนกุญแจ {} ของ {} จากแพ็กเกจนี้แล้ว",
    },
    # audit reasons (a record, kept in Thai)
    "evaluator/services/people.py": {
        "นำเข้าการมอบหมายจากไฟล์ {}",
        "นำเข้ารายชื่อผู้นำการเปลี่ยนแปลงจากไฟล์ {}",
        "นำเข้ารายชื่อผู้ประเมินจากไฟล์ {}",
    },
    # an audit reason (a record, kept in Thai)
    "evaluator/services/scoresheets.py": {
        "นำเข้าแบบประเมิน Excel {} ({})",
    },
    # the Thai command line's status words; the screens use ui/labels
    "evaluator/services/sheet_data.py": {
        "ปิดผลแล้ว",
        "ร่าง",
        "ส่งแล้ว",
    },
    # the Thai command line's status words; the screens use ui/labels
    "evaluator/services/tambons.py": {
        "กำลังประเมิน",
        "ปิดผลแล้ว",
        "ยังไม่มีแบบประเมิน",
        "ส่งแล้ว",
    },
    # the Thai part of a bilingual message
    "evaluator/services/ties.py": {
        "ไม่มี",
    },
    # a date as the Thai workbooks print it (a document)
    "evaluator/spreadsheet.py": {
        "{} {} พ.ศ. {} เวลา {} น.",
    },
    # the Thai of outcome titles; their English is OUTCOME_TITLES_EN
    "evaluator/sync/decide.py": {
        "ขัดแย้ง เก็บไว้ทั้งสองฉบับ",
        "ปรับเป็นฉบับใหม่กว่า",
        "รอบนี้ยืนยันผลแล้ว ไม่เปลี่ยนแปลง",
        "เก่ากว่าฉบับที่มีอยู่ ไม่เปลี่ยนแปลง",
        "เคยรับแล้ว ไม่เปลี่ยนแปลง",
        "เนื้อหาเดิม บันทึกรุ่นไว้",
        "แบบประเมินใหม่",
    },
    # the Excel scoresheet for inspectors (a Thai document)
    "evaluator/sync/scoresheet.py": {
        "1. กรอกคะแนนในช่องสีเหลืองของแผ่นงาน '{}' ตามช่วงที่กำหนดของแต่ละเกณฑ์",
        "2. ดูคำอธิบายระดับคะแนนของแต่ละเกณฑ์ในแผ่นงาน '{}'",
        "3. เขียนหมายเหตุได้ทั้งรายเกณฑ์และของทั้งแบบประเมิน",
        "4. เมื่อให้คะแนนครบทุกเกณฑ์แล้ว เลือกสถานะ '{}'",
        "5. เขียนถอดบทเรียนของแต่ละตำบลในคอลัมน์ท้ายตาราง (แนวปฏิบัติที่ดี ปัจจัยแห่งความสำเร็จ ปัญหาอุปสรรคและวิธีแก้ไข สิ่งที่ตำบลอื่นนำไปใช้ได้ ผลที่เกิดกับหมู่บ้านเป้าหมาย) ขึ้นบรรทัดใหม่ในช่องด้วย Alt+Enter",
        "6. อย่าแก้ไขโครงสร้างของไฟล์ (แผ่นงาน แถว คอลัมน์) แล้วส่งไฟล์กลับให้คณะกรรมการ",
        "{}\nหมายเหตุ",
        "{} {}\nคะแนน 0–{}",
        "การประกวด: {}  เกณฑ์รุ่น {}",
        "คะแนนเกณฑ์ {} ต้องเป็นตัวเลขตั้งแต่ 0 ถึง {}",
        "คะแนนเต็ม",
        "คะแนนไม่ถูกต้อง",
        "คำชี้แจง",
        "จังหวัด",
        "ชื่อเกณฑ์",
        "ตำบล",
        "น้ำหนัก",
        "ผู้ประเมิน: {}",
        "รหัสตำบล",
        "รอบ",
        "ระดับคะแนน",
        "ร่าง (draft)",
        "ลำดับ",
        "วิธีกรอก",
        "สถานะ",
        "สถานะไม่ถูกต้อง",
        "ส่งออกเมื่อ: {}",
        "ส่งแล้ว (submitted)",
        "หมายเหตุของแบบประเมิน",
        "อำเภอ",
        "เกณฑ์",
        "เกณฑ์และระดับคะแนน",
        "เลือกจากรายการ: ร่าง หรือ ส่งแล้ว",
        "แบบประเมิน",
    },
    # the Excel scoresheet's Thai column name, as the file has it
    "evaluator/sync/scoresheet_read.py": {
        "{} (สถานะ)",
    },
    # Thai characters of the normalisation rules (data)
    "evaluator/text.py": {
        "([่-๋]?)ํ([่-๋]?)า",
        "ำ",
    },
}
