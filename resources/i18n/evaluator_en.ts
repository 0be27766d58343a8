<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="th">
<context>
    <name>App</name>
    <message>
        <location filename="../../ui/app.py" line="+91"/>
        <source>เปิดฐานข้อมูลไม่ได้</source>
        <translation>Cannot open the database</translation>
    </message>
</context>
<context>
    <name>AuditSource</name>
    <message>
        <location filename="../../ui/models/audit.py" line="+41"/>
        <source>แป้นพิมพ์</source>
        <translation>Keyboard</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>แพ็กเกจ</source>
        <translation>Package</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>นำเข้าไฟล์</source>
        <translation>File import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ข้อมูลตัวอย่าง</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ระบบ</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <location line="+59"/>
        <source>เวลา</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ผู้ทำ</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ที่มา</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>การกระทำ</source>
        <translation>Action</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>สิ่งที่เปลี่ยน</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รหัส</source>
        <translation>Key</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>เหตุผล</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <location filename="../../ui/views/audit.py" line="+90"/>
        <location line="+170"/>
        <source>ทุกคน</source>
        <translation>Anyone</translation>
    </message>
    <message>
        <location line="-165"/>
        <location line="+2"/>
        <source>ไม่กำหนด</source>
        <translation>Any</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ค้นหาในค่าเดิม ค่าใหม่ หรือเหตุผล</source>
        <translation>Search old and new values and reasons</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>เช่น รหัสแบบประเมิน</source>
        <translation>e.g. a sheet&apos;s id</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ผู้ทำ</source>
        <translation>By</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ที่มา</source>
        <translation>Source</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>สิ่งที่เปลี่ยน</source>
        <translation>Entity</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ตั้งแต่</source>
        <translation>From</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ถึง</source>
        <translation>To</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รหัส</source>
        <translation>Key</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ค้นหา</source>
        <translation>Search</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ล้างตัวกรอง</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ตรวจความถูกต้องของบันทึก</source>
        <translation>Verify the log</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ตรวจห่วงโซ่แฮชของบันทึก และตรวจว่าแบบประเมินยังตรงกับที่บันทึกไว้</source>
        <translation>Check the log&apos;s hash chain, and that the sheets still hold what the log says</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ส่งออก Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ส่งออกรายการตามตัวกรองปัจจุบันเป็นไฟล์ Excel</source>
        <translation>Export the entries that pass the filters to an Excel file</translation>
    </message>
    <message>
        <location line="+19"/>
        <location line="+86"/>
        <source>อ่านบันทึกไม่ได้</source>
        <translation>Cannot read the log</translation>
    </message>
    <message>
        <location line="-72"/>
        <source>เลือกรายการเพื่อดูรายละเอียด</source>
        <translation>Choose an entry to see its details</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>เหตุผล</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>แฮช</source>
        <translation>Hash</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ค่าเดิม</source>
        <translation>Old value</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ค่าใหม่</source>
        <translation>New value</translation>
    </message>
    <message>
        <location line="+71"/>
        <source>ทั้งหมด</source>
        <translation>All</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>แบบประเมิน</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>คะแนน</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รูปภาพ</source>
        <translation>Photo</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รอบการประกวด</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>การประกวด</source>
        <translation>Contest</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ผู้ใช้</source>
        <translation>User</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ผู้ลงนาม</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ข้อมูลตัวอย่าง</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>กำลังอ่านบันทึก…</source>
        <translation>Reading the log…</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ไม่มีรายการที่ตรงกับตัวกรอง</source>
        <translation>No entry passes the filters</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>%1 รายการ (แสดงแล้ว %2 เลื่อนลงเพื่อดูเพิ่ม)</source>
        <translation>%1 entries (%2 shown; scroll down for more)</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 รายการ</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>กำลังตรวจบันทึก…</source>
        <translation>Verifying the log…</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ตรวจบันทึกไม่ได้</source>
        <translation>Cannot verify the log</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>✔ บันทึกครบถ้วน ไม่ถูกแก้ไข: ตรวจ %1 รายการ และแบบประเมิน %2 แบบ ตรงกับบันทึก</source>
        <translation>✔ The log is whole and unaltered: %1 entries checked, and %2 sheets match it</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>✘ พบความผิดปกติ %3 จุด (ตรวจ %1 รายการ แบบประเมิน %2 แบบ):</source>
        <translation>✘ %3 problems found (%1 entries and %2 sheets checked):</translation>
    </message>
    <message>
        <location line="+24"/>
        <source>ส่งออกบันทึกเป็น Excel</source>
        <translation>Export the log to Excel</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>ส่งออกไม่ได้</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ส่งออก %1 รายการไปที่ %2</source>
        <translation>Exported %1 entries to %2</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <location filename="../../ui/views/compare.py" line="+79"/>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>พิมพ์ชื่อหรือรหัสตำบลเพื่อเพิ่ม (2–4 ตำบล)</source>
        <translation>Type a tambon name or code to add it (2–4 tambons)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>เพิ่ม</source>
        <translation>Add</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ยังไม่ได้เลือกตำบล — เลือก 2–4 ตำบลจากมุมมองตำบลหรือจัดอันดับ หรือพิมพ์ด้านบน</source>
        <translation>No tambon chosen — pick 2–4 tambons in the Tambons or Rankings view, or type above</translation>
    </message>
    <message>
        <location line="+130"/>
        <source>เอาออกจากการเปรียบเทียบ</source>
        <translation>Remove from the comparison</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>เปรียบเทียบไม่ได้</source>
        <translation>Cannot compare</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>เลือกตำบล 2–4 ตำบลเพื่อเปรียบเทียบ</source>
        <translation>Choose 2–4 tambons to compare</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>คะแนนเฉลี่ยรายเกณฑ์ (% ของคะแนนเต็ม)</source>
        <translation>Mean score per criterion (% of the maximum)</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>คะแนนรวม</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>เกณฑ์</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>เต็ม %1 · น้ำหนัก %2</source>
        <translation>max %1 · weight %2</translation>
    </message>
    <message>
        <location line="+55"/>
        <source>เฉลี่ย</source>
        <translation>Mean</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>ต่างกัน</source>
        <translation>Spread</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>คะแนนสูงสุด − ต่ำสุดระหว่างผู้ประเมิน</source>
        <translation>Highest − lowest score between the inspectors</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>อ.%1 จ.%2 · เขต %3</source>
        <translation>%1 district, %2 · zone %3</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ยังไม่มีแบบประเมินที่ส่งแล้ว</source>
        <translation>No submitted sheet yet</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>(ไม่มีหมายเหตุ)</source>
        <translation>(no notes)</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <location filename="../../ui/views/conflicts.py" line="+176"/>
        <source>โหลดใหม่</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location line="+17"/>
        <location line="+150"/>
        <source>เลือกข้อขัดแย้งจากรายการ</source>
        <translation>Choose a conflict from the list</translation>
    </message>
    <message>
        <location line="-133"/>
        <source>ตัดสินข้อขัดแย้ง</source>
        <translation>Decide the conflict</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>เหตุผลในการเลือก (จำเป็น บันทึกไว้ในบันทึกการเปลี่ยนแปลง)</source>
        <translation>Why this version (required; written to the audit log)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>เช่น ผู้ประเมินยืนยันคะแนนจากการลงพื้นที่ครั้งที่สอง</source>
        <translation>e.g. the inspector confirmed the scores on a second visit</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ใช้ฉบับที่เลือก</source>
        <translation>Keep the chosen version</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รหัส</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ฉบับ</source>
        <translation>Versions</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (ยืนยันผลแล้ว)</source>
        <translation> (finalised)</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>กำลังอ่านข้อขัดแย้ง…</source>
        <translation>Reading the conflicts…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>อ่านข้อขัดแย้งไม่ได้</source>
        <translation>Cannot read the conflicts</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>แบบประเมิน %1 แบบมีมากกว่าหนึ่งฉบับ: ระบบเก็บไว้ทุกฉบับ คณะกรรมการเลือกฉบับที่ใช้ พร้อมเหตุผล</source>
        <translation>%1 sheets have more than one version: every version is kept; the committee chooses one, with a reason</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ไม่มีข้อขัดแย้ง แบบประเมินทุกแบบมีฉบับเดียว</source>
        <translation>No conflicts: every sheet has one version</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>ฉบับในฐานข้อมูลนี้</source>
        <translation>Version in this database</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ฉบับที่รับมา %1</source>
        <translation>Received version %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (รุ่น %1)</source>
        <translation> (v%1)</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>ตำบล%1 (%2) · %3</source>
        <translation>Tambon %1 (%2) · %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>รอบ: %1 · แบบประเมิน %2</source>
        <translation>Round: %1 · sheet %2</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>%1: แก้ไขล่าสุด %2 · รูปภาพ %3 รูป</source>
        <translation>%1: last changed %2 · %3 photos</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>หมายเหตุของแบบประเมิน</source>
        <translation>Sheet note</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>คะแนนรวม</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>เกณฑ์</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>เต็ม</source>
        <translation>Max</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>ใช้</source>
        <translation>Keep: </translation>
    </message>
    <message>
        <location line="+8"/>
        <source>รอบ “%1” ยืนยันผลแล้ว แบบประเมินถูกล็อก จึงตัดสินข้อขัดแย้งนี้ไม่ได้ — ผู้ดูแลระบบต้องเปิดรอบอีกครั้งก่อน</source>
        <translation>Round “%1” is finalised and its sheets are locked, so this conflict cannot be decided — an admin must reopen the round first</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>ต้องระบุเหตุผลในการเลือก</source>
        <translation>A reason is required</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>กำลังบันทึก…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>บันทึกการตัดสินแล้ว (รุ่น %1)</source>
        <translation>Decision saved (v%1)</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ตัดสินไม่ได้: รอบนี้ยืนยันผลแล้ว แบบประเมินถูกล็อก</source>
        <translation>Refused: the round is finalised and its sheets are locked</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ตัดสินข้อขัดแย้งไม่ได้</source>
        <translation>Cannot decide the conflict</translation>
    </message>
</context>
<context>
    <name>CriterionEditor</name>
    <message>
        <location filename="../../ui/views/scoring.py" line="+204"/>
        <source>คะแนน 0 ถึง %1 (Alt+%2) · ลบเพื่อยกเลิกคะแนน</source>
        <translation>Score 0 to %1 (Alt+%2) · delete to remove the score</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>/ %1 คะแนน · น้ำหนัก %2</source>
        <translation>/ %1 points · weight %2</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>หมายเหตุของเกณฑ์นี้</source>
        <translation>Note on this criterion</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>หมายเหตุเป็นของคะแนน: ให้คะแนนก่อนจึงเขียนได้</source>
        <translation>A note belongs to a score: give the score first</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <location filename="../../ui/views/dashboard.py" line="+72"/>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ปรับปรุง</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>แบบประเมินที่ต้องมี</source>
        <translation>Sheets expected</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ส่งแล้ว (ครบทุกเกณฑ์)</source>
        <translation>Submitted (complete)</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+104"/>
        <location line="+30"/>
        <location line="+60"/>
        <location line="+41"/>
        <source>ร่าง</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <location line="-234"/>
        <source>ส่งแล้วแต่ไม่ครบ</source>
        <translation>Submitted but incomplete</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+112"/>
        <location line="+81"/>
        <location line="+41"/>
        <source>ยังไม่เริ่ม</source>
        <translation>Not started</translation>
    </message>
    <message>
        <location line="-233"/>
        <source>ตำบลที่ครบแล้ว</source>
        <translation>Tambons complete</translation>
    </message>
    <message>
        <location line="+51"/>
        <source>ตำบลที่ยังขาดแบบประเมิน</source>
        <translation>Tambons still lacking sheets</translation>
    </message>
    <message>
        <location line="+27"/>
        <location line="+43"/>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location line="-42"/>
        <source>เขต %1</source>
        <translation>Zone %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <location line="+41"/>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <location line="-35"/>
        <source>ต้องมี</source>
        <translation>Expected</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+94"/>
        <location line="+41"/>
        <source>ส่งแล้ว</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="-126"/>
        <location line="+86"/>
        <location line="+41"/>
        <source>ไม่ครบ</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <location line="-115"/>
        <source>ความคืบหน้า</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>อำเภอ</source>
        <translation>District</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ส่งแล้ว/ต้องมี</source>
        <translation>Submitted/expected</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>โหลดความคืบหน้าไม่ได้</source>
        <translation>Cannot load the progress</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 ตำบล</source>
        <translation>%1 tambons</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ไม่นับในการจัดอันดับ</source>
        <translation>not counted in the ranking</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>จาก %1 ตำบล</source>
        <translation>of %1 tambons</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ทั้งประเทศ</source>
        <translation>Whole country</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>เขตตรวจราชการ</source>
        <translation>Inspection zone</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>แบบประเมิน</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>แบบประเมินรายเขต</source>
        <translation>Sheets per zone</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>ทั้งประเทศ %1%</source>
        <translation>Whole country %1%</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ตำบลที่ยังขาดแบบประเมิน %1 ตำบล</source>
        <translation>Tambons still lacking sheets: %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source> (เขต %1)</source>
        <translation> (zone %1)</translation>
    </message>
</context>
<context>
    <name>DocumentsView</name>
    <message>
        <location filename="../../ui/views/documents.py" line="+128"/>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>เอกสาร</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>พิมพ์ชื่อหรือรหัสตำบล</source>
        <translation>Type a tambon's name or code</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>เลือก…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>บันทึกที่</source>
        <translation>Save in</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>สร้างเอกสาร</source>
        <translation>Make documents</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>เปิดโฟลเดอร์</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ผู้รับ</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ขนาด</source>
        <translation>Size</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>เวลา</source>
        <translation>Time</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ไฟล์ในโฟลเดอร์</source>
        <translation>Files in the folder</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>ตัวอย่าง: เลือกไฟล์ PDF</source>
        <translation>Preview: choose a PDF file</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>เกียรติบัตรตำบลที่ได้รับรางวัล</source>
        <translation>Certificates for the winning tambons</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>เกียรติบัตรตำบลและผู้นำการเปลี่ยนแปลงรายบุคคล</source>
        <translation>Certificates for the tambons and each change leader</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ข้อความจารึกโล่ (PDF และ Excel สำหรับช่าง)</source>
        <translation>Plaque texts (PDF and Excel for the engraver)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รายงานสรุปผลรอบการประกวด</source>
        <translation>Summary report of the round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รายงานสรุปสำหรับผู้บริหาร</source>
        <translation>Executive summary</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รายงานคะแนนรายตำบล</source>
        <translation>Per-tambon score report</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>Excel: ผลการจัดอันดับ คะแนนดิบ และงบประมาณ</source>
        <translation>Excel: rankings, raw scores and budget</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ไม่มีสิทธิ์</source>
        <translation>not allowed</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ยังไม่มีในรุ่นนี้</source>
        <translation>not in this version yet</translation>
    </message>
    <message>
        <location line="+63"/>
        <source>ยังไม่มีรอบการประกวด</source>
        <translation>No round yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ยืนยันผลแล้ว: เอกสารเป็นฉบับจริง</source>
        <translation>Finalised: the documents are final</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ยังไม่ยืนยันผล: เกียรติบัตรและโล่จะเป็นฉบับร่าง</source>
        <translation>Not finalised: certificates and plaques will be drafts</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>เลือกโฟลเดอร์</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>ไฟล์ของรอบนี้อยู่ใน %1</source>
        <translation>This round&apos;s files are in %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ไฟล์ในโฟลเดอร์ (%1)</source>
        <translation>Files in the folder (%1)</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>พิมพ์ชื่อหรือรหัสตำบลแล้วเลือกจากรายการก่อน</source>
        <translation>Type a tambon's name or code and choose it from the list first</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>กำลังเริ่ม…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>กำลังหยุดหลังเอกสารฉบับปัจจุบัน…</source>
        <translation>Stopping after the current document…</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>สร้างแล้ว %1 จาก %2 ไฟล์</source>
        <translation>%1 of %2 files made</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>กำลังเตรียมข้อมูล…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>หยุดแล้ว: สร้างเสร็จ %1 จาก %2 ไฟล์ ไม่มีไฟล์ที่เขียนค้างครึ่งทาง</source>
        <translation>Stopped: %1 of %2 files made; no file is left half written</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>เสร็จแล้ว: %1 ไฟล์</source>
        <translation>Done: %1 files</translation>
    </message>
    <message>
        <location line="+1"/>
        <source> (ฉบับร่าง)</source>
        <translation> (drafts)</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>สร้างเอกสารไม่สำเร็จ</source>
        <translation>The documents could not be made</translation>
    </message>
    <message>
        <location line="+25"/>
        <source>%1: ไม่มีตัวอย่างสำหรับไฟล์ชนิดนี้ (ดับเบิลคลิกเพื่อเปิด)</source>
        <translation>%1: no preview for this kind of file (double-click to open it)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>เปิดไฟล์ %1 ไม่ได้</source>
        <translation>Cannot open %1</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ตัวอย่าง: %1 · หน้า 1 จาก %2</source>
        <translation>Preview: %1 · page 1 of %2</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <location filename="../../ui/dialogs/transfer.py" line="+422"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>บันทึกเป็น…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ไฟล์แพ็กเกจ</source>
        <translation>Package file</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ไฟล์กุญแจส่วนตัว</source>
        <translation>Private key file</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>รหัสผ่านของกุญแจ</source>
        <translation>Key passphrase</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ยืนยันรหัสผ่านของกุญแจใหม่</source>
        <translation>Repeat the new key&apos;s passphrase</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>ใช้กุญแจที่มีอยู่ในเครื่องนี้</source>
        <translation>Uses the key already on this computer</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ยังไม่มีกุญแจของผู้ประเมินนี้ ระบบจะสร้างกุญแจใหม่ด้วยรหัสผ่านที่กรอก</source>
        <translation>This inspector has no key yet: a new key will be made with the passphrase you enter</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>กรอกผู้ประเมิน ไฟล์ และรหัสผ่านให้ครบ</source>
        <translation>Fill in the inspector, the file and the passphrase</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>รหัสผ่านสองครั้งไม่ตรงกัน (กุญแจใหม่ต้องพิมพ์รหัสผ่านสองครั้ง)</source>
        <translation>The two passphrases differ (a new key&apos;s passphrase is typed twice)</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <location filename="../../ui/dialogs/identity.py" line="+129"/>
        <source>สร้างผู้ดูแลระบบคนแรก</source>
        <translation>Create the first admin</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ฐานข้อมูลนี้ยังไม่มีผู้ใช้ ผู้ใช้คนแรกจะเป็นผู้ดูแลระบบ ซึ่งเพิ่มผู้ประเมินและคณะกรรมการได้ภายหลัง</source>
        <translation>This database has no users yet. The first user is its admin, who can add inspectors and committee members later.</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ชื่อ-นามสกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>สร้างและเข้าใช้งาน</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <location line="-95"/>
        <source>ท่านคือใคร</source>
        <translation>Who are you?</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>เลือกชื่อของท่าน ระบบจะแสดงและอนุญาตเฉพาะงานที่บทบาทของท่านทำได้</source>
        <translation>Choose your name: the program shows and allows only what your role may do.</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>พิมพ์ชื่อเพื่อค้นหา</source>
        <translation>Type a name to search</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ชื่อ</source>
        <translation>Name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>บทบาท</source>
        <translation>Role</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+27"/>
        <source>เข้าใช้งาน</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <location filename="../../ui/dialogs/transfer.py" line="-123"/>
        <source>เลือกไฟล์ที่จะนำเข้า</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>เลือกไฟล์…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ระบบตรวจทั้งไฟล์ก่อนบันทึก หากมีข้อผิดพลาดแม้แถวเดียวจะไม่บันทึกอะไรเลย และแสดงปัญหาทุกแถวด้านล่าง</source>
        <translation>The whole file is checked before anything is saved: if even one row is wrong, nothing is saved and every problem is listed below.</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ยังไม่ได้เลือกไฟล์</source>
        <translation>No file chosen</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <location filename="../../ui/dialogs/keys.py" line="+110"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>KeyState</name>
    <message>
        <location filename="../../ui/views/packages.py" line="+63"/>
        <source>ยังไม่ได้ลงทะเบียน</source>
        <translation>Not registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ลงทะเบียนกุญแจแล้ว</source>
        <translation>Key registered</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ลงทะเบียนลายนิ้วมือแล้ว (รอแพ็กเกจแรก)</source>
        <translation>Fingerprint registered (awaiting the first package)</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../ui/main_window.py" line="+36"/>
        <source>ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง — กรมการพัฒนาชุมชน</source>
        <translation>Change-leader award evaluator — Community Development Department</translation>
    </message>
    <message>
        <location line="+6"/>
        <location line="+156"/>
        <source>มุมมอง</source>
        <translation>View</translation>
    </message>
    <message>
        <location line="-114"/>
        <source>ความคืบหน้า</source>
        <translation>Progress</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ตำบล</source>
        <translation>Tambons</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>แบบประเมิน</source>
        <translation>Scoring</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>จัดอันดับ</source>
        <translation>Rankings</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>เปรียบเทียบ</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>แพ็กเกจ</source>
        <translation>Packages</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ข้อขัดแย้ง</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>เอกสาร</source>
        <translation>Documents</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>บันทึก</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <location line="+21"/>
        <source>แฟ้ม</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>นำเข้า</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>กุญแจของผู้ประเมิน…</source>
        <translation>Inspector key…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ลงทะเบียนกุญแจผู้ประเมิน…</source>
        <translation>Register an inspector&apos;s key…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>เปลี่ยนผู้ใช้…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ตั้งค่า…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ออก</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>แก้ไข</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ค้นหาตำบล</source>
        <translation>Find tambon</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ช่วยเหลือ</source>
        <translation>Help</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+105"/>
        <source>เกี่ยวกับโปรแกรม</source>
        <translation>About</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง
กรมการพัฒนาชุมชน กระทรวงมหาดไทย
ทำงานได้โดยไม่ต้องต่ออินเทอร์เน็ต</source>
        <translation>Change-leader award evaluator
Community Development Department, Ministry of Interior
Works without a network connection</translation>
    </message>
</context>
<context>
    <name>MyKeyDialog</name>
    <message>
        <location filename="../../ui/dialogs/keys.py" line="+47"/>
        <source>กุญแจของผู้ประเมิน</source>
        <translation>Inspector key</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>กุญแจใช้ลงนามแพ็กเกจแบบประเมินที่ส่งให้คณะกรรมการ กุญแจส่วนตัวเก็บไว้ในเครื่องนี้ เข้ารหัสด้วยรหัสผ่าน (อย่างน้อย 8 ตัวอักษร) คณะกรรมการลงทะเบียนด้วยไฟล์กุญแจสาธารณะ หรือด้วยลายนิ้วมือที่อ่านให้ฟัง</source>
        <translation>The key signs the packages of sheets you hand to the committee. The private key stays on this machine, encrypted with a passphrase (at least 8 characters). The committee registers it from the public-key file, or from the fingerprint you read to them.</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ลายนิ้วมือ</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>อ่านว่า</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ไฟล์กุญแจส่วนตัว</source>
        <translation>Private key file</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>รหัสผ่าน</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ยืนยันรหัสผ่าน</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>สร้างกุญแจใหม่แทนกุญแจเดิม (ต้องแจ้งคณะกรรมการให้ลงทะเบียนใหม่)</source>
        <translation>Make a new key in place of the old one (the committee must register it again)</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>สร้างกุญแจ</source>
        <translation>Make the key</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>บันทึกไฟล์กุญแจสาธารณะ…</source>
        <translation>Save the public-key file…</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>ผู้ใช้นี้ไม่ได้เป็นผู้ประเมิน จึงไม่มีกุญแจ</source>
        <translation>This user is not an inspector and has no key</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ยังไม่มีกุญแจ ตั้งรหัสผ่านแล้วกด “สร้างกุญแจ”</source>
        <translation>No key yet: choose a passphrase and press “Make the key”</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ฐานข้อมูลนี้มีกุญแจของผู้ประเมินนี้ แต่ไม่พบไฟล์กุญแจส่วนตัวในเครื่องนี้</source>
        <translation>This database has the inspector&apos;s key, but the private key file is not on this machine</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>มีกุญแจแล้ว อ่านลายนิ้วมือให้คณะกรรมการฟัง หรือส่งไฟล์กุญแจสาธารณะ</source>
        <translation>The key is ready: read the fingerprint to the committee, or send them the public-key file</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>รหัสผ่านสองครั้งไม่ตรงกัน</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <location line="+23"/>
        <source>สร้างกุญแจแล้ว ลายนิ้วมือ %1 เก็บกุญแจส่วนตัวไว้ที่ %2</source>
        <translation>Key made: fingerprint %1; the private key is kept in %2</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>บันทึกไฟล์กุญแจสาธารณะ</source>
        <translation>Save the public-key file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>กุญแจสาธารณะ (*.pem);;ทุกไฟล์ (*)</source>
        <translation>Public key (*.pem);;All files (*)</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>บันทึกไฟล์กุญแจสาธารณะที่ %1 แล้ว</source>
        <translation>Public-key file saved as %1</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <location filename="../../ui/views/packages.py" line="-14"/>
        <source>เพิ่มใหม่</source>
        <translation>Added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>แทนฉบับเดิม</source>
        <translation>Replaced the older version</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ขัดแย้ง (เก็บไว้ทั้งสองฉบับ)</source>
        <translation>Conflict (both versions kept)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>มีอยู่แล้ว (จดว่าได้รับ)</source>
        <translation>Already here (noted as received)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ซ้ำ ไม่เปลี่ยนแปลง</source>
        <translation>Duplicate; nothing changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>เก่ากว่าฉบับที่มี ไม่เปลี่ยนแปลง</source>
        <translation>Older than the version here; nothing changed</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ไม่รับ: รอบยืนยันผลแล้ว</source>
        <translation>Refused: the round is finalised</translation>
    </message>
</context>
<context>
    <name>PackagesView</name>
    <message>
        <location line="+54"/>
        <source>นำเข้าแพ็กเกจ…</source>
        <translation>Import a package…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>นำเข้าแบบประเมิน Excel…</source>
        <translation>Import an Excel scoresheet…</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>โหลดใหม่</source>
        <translation>Reload</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+177"/>
        <source>เลือกรายการนำเข้าเพื่อดูว่าเปลี่ยนอะไร</source>
        <translation>Choose an import to see what it changed</translation>
    </message>
    <message>
        <location line="-161"/>
        <source>ไปที่ข้อขัดแย้ง</source>
        <translation>Go to the conflicts</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>แพ็กเกจที่นำเข้า</source>
        <translation>Imported packages</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ระบบรับแพ็กเกจเฉพาะที่ลงนามด้วยกุญแจของผู้ประเมินที่ลงทะเบียนไว้ ลงทะเบียนจากไฟล์กุญแจสาธารณะที่ผู้ประเมินส่งมา หรือจากลายนิ้วมือที่ผู้ประเมินอ่านให้ฟังทางโทรศัพท์</source>
        <translation>Packages are accepted only when signed with the inspector&apos;s registered key. Register it from the public-key file the inspector sends, or from the fingerprint they read to you over the phone.</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+48"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="-46"/>
        <source>สถานะกุญแจ</source>
        <translation>Key</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ลายนิ้วมือ</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>ลงทะเบียนกุญแจ…</source>
        <translation>Register a key…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>กุญแจผู้ประเมิน</source>
        <translation>Inspector keys</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>เมื่อ</source>
        <translation>When</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ชนิด</source>
        <translation>Kind</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>แพ็กเกจ</source>
        <translation>Package</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ผู้นำเข้า</source>
        <translation>Imported by</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>เพิ่มใหม่</source>
        <translation>Added</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>แทนฉบับเดิม</source>
        <translation>Replaced</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ขัดแย้ง</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ไม่รับ</source>
        <translation>Refused</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ไม่เปลี่ยน</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <location line="+10"/>
        <source>ผล</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>อำเภอ / จังหวัด</source>
        <translation>District / province</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>รหัส</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>รุ่น</source>
        <translation>Version</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>รายละเอียด</source>
        <translation>Details</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>กำลังอ่านรายการนำเข้า…</source>
        <translation>Reading the imports…</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>อ่านรายการนำเข้าไม่ได้</source>
        <translation>Cannot read the imports</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>นำเข้าแล้ว %1 ไฟล์ · เกิดข้อขัดแย้ง %2 ครั้ง</source>
        <translation>%1 files imported · %2 conflicts</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ยังไม่มีการนำเข้าแพ็กเกจหรือแบบประเมิน Excel</source>
        <translation>No package or Excel scoresheet imported yet</translation>
    </message>
    <message>
        <location line="+30"/>
        <source>นำเข้าเมื่อ %1 โดย %2</source>
        <translation>Imported %1 by %2</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ไม่มีแบบประเมินใดเปลี่ยนแปลง</source>
        <translation>No sheet changed</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <location filename="../../ui/photos.py" line="+178"/>
        <source>%1 × %2 พิกเซล</source>
        <translation>%1 × %2 pixels</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <location filename="../../ui/dialogs/transfer.py" line="-224"/>
        <source>แถว</source>
        <translation>Row</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ช่อง</source>
        <translation>Field</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ปัญหา</source>
        <translation>Problem</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
</context>
<context>
    <name>RankingsView</name>
    <message>
        <location filename="../../ui/views/rankings.py" line="+73"/>
        <source>ทั้งประเทศ</source>
        <translation>Whole country</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>เขต %1</source>
        <translation>Zone %1</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+0"/>
        <source>ขอบเขต</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>คำนวณใหม่</source>
        <translation>Recalculate</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>เปรียบเทียบที่เลือก</source>
        <translation>Compare selected</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ยืนยันผลรอบนี้…</source>
        <translation>Finalise this round…</translation>
    </message>
    <message>
        <location line="+39"/>
        <source>คำอธิบาย</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+1"/>
        <location line="+77"/>
        <source>แบบ</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <location line="-75"/>
        <source>เฉลี่ย</source>
        <translation>Mean</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ให้สูง/ต่ำกว่าผู้อื่น</source>
        <translation>Above/below the others</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>ความสอดคล้องของผู้ประเมิน</source>
        <translation>Inspector agreement</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>ได้รับรางวัล</source>
        <translation>Winner</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>คะแนนเท่ากัน (ต้องตัดสิน)</source>
        <translation>Tie (to be decided)</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>มีสิทธิ์</source>
        <translation>Eligible</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ไม่มีสิทธิ์</source>
        <translation>Ineligible</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>อันดับ</source>
        <translation>Rank</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>อำเภอ</source>
        <translation>District</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>คะแนน</source>
        <translation>Score</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>เหตุผล</source>
        <translation>Reason</translation>
    </message>
    <message>
        <location line="+22"/>
        <location line="+74"/>
        <source>กำลังคำนวณ…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <location line="-58"/>
        <source>จัดอันดับไม่ได้</source>
        <translation>Cannot rank</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>%1 ตำบลต่อเขต</source>
        <translation>%1 tambons per zone</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>%1 ตำบลทั้งประเทศ</source>
        <translation>%1 tambons nationally</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>%1 · รางวัล %2 บาท · โควตา %3 · วิธีรวมคะแนน %4 · ได้รับรางวัล %5 · เท่ากัน %6</source>
        <translation>%1 · prize %2 baht · quota %3 · aggregation %4 · winners %5 · ties %6</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ยืนยันผลแล้วโดย %1 · SHA-256 %2</source>
        <translation>Finalised by %1 · SHA-256 %2</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ตำบลที่ผู้ประเมินให้คะแนนต่างกันเกิน %1 คะแนน: %2 ตำบล</source>
        <translation>Tambons whose inspectors differ by more than %1 points: %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>เลือกตำบลในตารางเพื่อดูคำอธิบายอันดับ</source>
        <translation>Select a tambon in the table to see why it ranks where it does</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>ยืนยันผลรอบการประกวด</source>
        <translation>Finalise the round</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ยืนยันผลรอบ “%1” หรือไม่?
เมื่อยืนยันแล้ว แบบประเมินของรอบนี้จะถูกล็อก แก้ไขไม่ได้อีก
ได้รับรางวัล %2 ตำบล · คะแนนเท่ากัน %3 ตำบล</source>
        <translation>Finalise the round “%1”?
Once finalised, the sheets of this round are locked and cannot change.
Winners: %2 tambons · ties: %3 tambons</translation>
    </message>
    <message>
        <location line="+18"/>
        <source>ยืนยันผลไม่ได้</source>
        <translation>Cannot finalise</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ยืนยันผลแล้ว</source>
        <translation>Finalised</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ยืนยันผลรอบ %1 แล้ว ล็อกแบบประเมิน %2 แบบ
SHA-256 %3</source>
        <translation>Round %1 finalised; %2 sheets locked
SHA-256 %3</translation>
    </message>
</context>
<context>
    <name>RegisterKeyDialog</name>
    <message>
        <location filename="../../ui/dialogs/keys.py" line="+11"/>
        <source>ลงทะเบียนกุญแจผู้ประเมิน</source>
        <translation>Register an inspector&apos;s key</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ขณะนี้</source>
        <translation>Now</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>จากไฟล์กุญแจสาธารณะที่ผู้ประเมินส่งมา</source>
        <translation>From the public-key file the inspector sent</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>จากลายนิ้วมือที่ผู้ประเมินอ่านให้ฟัง</source>
        <translation>From the fingerprint the inspector read to you</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>เลือกไฟล์…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ลายนิ้วมือ</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ลงทะเบียนด้วยลายนิ้วมือ: ระบบรับกุญแจจากแพ็กเกจแรกของผู้ประเมินเมื่อลายนิ้วมือตรงกันเท่านั้น</source>
        <translation>By fingerprint: the key is taken from the inspector&apos;s first package, and only when its fingerprint matches</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>แทนกุญแจที่ลงทะเบียนไว้เดิม</source>
        <translation>Replace the key registered before</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ลงทะเบียน</source>
        <translation>Register</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>ไม่พบผู้ประเมินชื่อนี้</source>
        <translation>No inspector of this name</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>กุญแจสาธารณะ (*.pem *.pub *.txt);;ทุกไฟล์ (*)</source>
        <translation>Public key (*.pem *.pub *.txt);;All files (*)</translation>
    </message>
    <message>
        <location line="+38"/>
        <source>ลงทะเบียนกุญแจของ %1 แล้ว ลายนิ้วมือ %2</source>
        <translation>Key of %1 registered: fingerprint %2</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <location filename="../../ui/dialogs/identity.py" line="-59"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>คณะกรรมการ</source>
        <translation>Committee</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ผู้ดูแลระบบ</source>
        <translation>Admin</translation>
    </message>
</context>
<context>
    <name>ScoringView</name>
    <message>
        <location filename="../../ui/views/scoring.py" line="+743"/>
        <source>ค้นหาตำบลหรือผู้ประเมิน</source>
        <translation>Search tambon or inspector</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>เฉพาะร่าง</source>
        <translation>Drafts only</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ครบ</source>
        <translation>Scored</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>รวม</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+53"/>
        <source>โหลดแบบประเมินไม่ได้</source>
        <translation>Cannot load the sheets</translation>
    </message>
    <message>
        <location line="+17"/>
        <source>%1 จาก %2 แบบ</source>
        <translation>%1 of %2 sheets</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <location filename="../../ui/dialogs/settings.py" line="+39"/>
        <source>ตั้งค่า</source>
        <translation>Settings</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ทั่วไป</source>
        <translation>General</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ภาษา</source>
        <translation>Language</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>เลือก…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ฐานข้อมูล</source>
        <translation>Database</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ไฟล์ SQLite หรือ URL ของ PostgreSQL ว่างไว้เพื่อใช้ค่าเริ่มต้น มีผลเมื่อเปิดโปรแกรมครั้งถัดไป (ตัวเลือก --db ในบรรทัดคำสั่งมาก่อนเสมอ)</source>
        <translation>An SQLite file or a PostgreSQL URL; leave empty for the default. Takes effect the next time the program starts (--db on the command line always wins).</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ผู้ลงนามในเกียรติบัตร</source>
        <translation>Certificate signatory</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>เช่น อธิบดีกรมการพัฒนาชุมชน</source>
        <translation>e.g. Director-General of the Community Development Department</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ชื่อ-นามสกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ตำแหน่ง</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>(ไม่มีลายมือชื่อ)</source>
        <translation>(no signature)</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>เลือกไฟล์ลายมือชื่อ (PNG)…</source>
        <translation>Choose signature file (PNG)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ลายมือชื่อ</source>
        <translation>Signature</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>เฉพาะผู้ดูแลระบบแก้ไขผู้ลงนามได้</source>
        <translation>Only an admin may change the signatory</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>บันทึก</source>
        <translation>Save</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>เลือกไฟล์ฐานข้อมูล</source>
        <translation>Choose the database file</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ฐานข้อมูล SQLite (*.sqlite3 *.db);;ทุกไฟล์ (*)</source>
        <translation>SQLite database (*.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>เลือกไฟล์ลายมือชื่อ</source>
        <translation>Choose the signature file</translation>
    </message>
    <message>
        <location line="+32"/>
        <source>บันทึกผู้ลงนามไม่ได้</source>
        <translation>Cannot save the signatory</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ยังไม่มีไฟล์แปลภาษา</source>
        <translation>No translation file</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ยังไม่ได้สร้างไฟล์แปลภาษา (.qm) ให้รัน make translations</source>
        <translation>The translation (.qm) has not been built: run make translations</translation>
    </message>
</context>
<context>
    <name>SheetForm</name>
    <message>
        <location filename="../../ui/views/scoring.py" line="-741"/>
        <source>ให้คะแนน %1</source>
        <translation>Score %1</translation>
    </message>
    <message>
        <location line="+33"/>
        <source>แก้หมายเหตุ</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>เพิ่มรูป %1</source>
        <translation>Add photo %1</translation>
    </message>
    <message>
        <location line="+26"/>
        <source>ลบรูป %1</source>
        <translation>Remove photo %1</translation>
    </message>
    <message>
        <location line="+48"/>
        <location line="+151"/>
        <source>ยังไม่ได้เลือกแบบประเมิน</source>
        <translation>No sheet chosen</translation>
    </message>
    <message>
        <location line="-144"/>
        <location line="+376"/>
        <source>เลิกทำ</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location line="-371"/>
        <location line="+372"/>
        <source>ทำซ้ำ</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location line="-326"/>
        <source>หมายเหตุของแบบประเมิน</source>
        <translation>Sheet notes</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ข้อสังเกตทั่วไปจากการลงพื้นที่</source>
        <translation>General observations from the site visit</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>รูปภาพหลักฐาน (ลากไฟล์รูปมาวางได้)</source>
        <translation>Photo evidence (drop image files here)</translation>
    </message>
    <message>
        <location line="+8"/>
        <location line="+4"/>
        <source>เพิ่มรูป…</source>
        <translation>Add photo…</translation>
    </message>
    <message>
        <location line="-2"/>
        <source>เพิ่มรูปจากไฟล์ (Ctrl+I)</source>
        <translation>Add photos from files (Ctrl+I)</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ลบรูปที่เลือก</source>
        <translation>Remove selected photo</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ส่งแบบประเมิน</source>
        <translation>Submit sheet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ตรวจว่าให้คะแนนครบทุกเกณฑ์แล้วส่ง (Ctrl+Enter)</source>
        <translation>Check that every criterion is scored, then submit (Ctrl+Enter)</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>เปิดกลับเป็นร่าง</source>
        <translation>Reopen as draft</translation>
    </message>
    <message>
        <location line="+35"/>
        <source>เปิดแบบประเมินไม่ได้</source>
        <translation>Cannot open the sheet</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>เลือกแบบประเมินจากรายการด้านซ้าย</source>
        <translation>Choose a sheet from the list on the left</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ตำบล%1 อำเภอ%2 จังหวัด%3</source>
        <translation>%1, %2 district, %3</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>%1 · ผู้ประเมิน %2 · เขต %3 · รหัส %4</source>
        <translation>%1 · inspector %2 · zone %3 · code %4</translation>
    </message>
    <message>
        <location line="+70"/>
        <source>สถานะ: %1 · ให้คะแนนแล้ว %2/%3 เกณฑ์ · คะแนนรวม %4</source>
        <translation>Status: %1 · scored %2/%3 criteria · total %4</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>รอบนี้ยืนยันผลแล้ว แบบประเมินถูกล็อก ดูได้อย่างเดียว</source>
        <translation>This round is finalised: the sheet is locked and read-only</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>แบบประเมินนี้ส่งแล้ว หากต้องแก้ไข กด “เปิดกลับเป็นร่าง”</source>
        <translation>This sheet is submitted; to change it, press “Reopen as draft”</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ท่านดูแบบประเมินนี้ได้ แต่แก้ไขได้เฉพาะผู้ประเมินเจ้าของแบบ</source>
        <translation>You may read this sheet; only its inspector may change it</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>บันทึกอัตโนมัติแล้ว · ฉบับที่ %1</source>
        <translation>Saved automatically · version %1</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>บันทึกไม่ได้</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <location line="+135"/>
        <source>รูปภาพหลักฐาน (%1) — ลากไฟล์รูปมาวางได้</source>
        <translation>Photo evidence (%1) — drop image files here</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>เลือกรูปภาพ</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>รูปภาพ (*.jpg *.jpeg *.png *.gif *.webp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.gif *.webp)</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>อ่านไฟล์ไม่ได้</source>
        <translation>Cannot read the file</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>เปิดรูปไม่ได้</source>
        <translation>Cannot open the photo</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>ยังส่งไม่ได้</source>
        <translation>Cannot submit yet</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ยังไม่ได้ให้คะแนน %1 เกณฑ์:</source>
        <translation>%1 criteria have no score:</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ส่งไม่ได้</source>
        <translation>Cannot submit</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>เปิดกลับเป็นร่างไม่ได้</source>
        <translation>Cannot reopen</translation>
    </message>
</context>
<context>
    <name>SheetStatus</name>
    <message>
        <location filename="../../ui/views/tambons.py" line="+178"/>
        <source>ร่าง</source>
        <translation>Draft</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ส่งแล้ว</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ปิดผลแล้ว</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>TambonDetailPane</name>
    <message>
        <location line="-123"/>
        <location line="+77"/>
        <source>เลือกตำบลจากตารางเพื่อดูรายละเอียด</source>
        <translation>Select a tambon in the table to see its details</translation>
    </message>
    <message>
        <location line="-69"/>
        <source>ผู้นำการเปลี่ยนแปลง</source>
        <translation>Change leaders</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ที่</source>
        <translation>No.</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ชื่อ-นามสกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ตำแหน่ง</source>
        <translation>Position</translation>
    </message>
    <message>
        <location line="+14"/>
        <source>แบบประเมิน</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>ให้คะแนน</source>
        <translation>Scored</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>คะแนนรวม</source>
        <translation>Total</translation>
    </message>
    <message>
        <location line="+15"/>
        <source>ดับเบิลคลิกหรือกด Enter เพื่อเปิดแบบประเมิน</source>
        <translation>Double-click or press Enter to open the sheet</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>รูปภาพ</source>
        <translation>Photos</translation>
    </message>
    <message>
        <location line="+22"/>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>อำเภอ%1 จังหวัด%2</source>
        <translation>%1 district, %2 province</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>เขตตรวจราชการที่ %1 · รหัสตำบล %2</source>
        <translation>Inspection zone %1 · tambon code %2</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>หมู่บ้านเป้าหมาย: %1</source>
        <translation>Focus village: %1</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>จำนวนหมู่บ้าน %1 หมู่บ้าน</source>
        <translation>%1 villages</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>ผู้นำการเปลี่ยนแปลง (%1 คน)</source>
        <translation>Change leaders (%1)</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>รูปภาพ (%1)</source>
        <translation>Photos (%1)</translation>
    </message>
</context>
<context>
    <name>TambonTableModel</name>
    <message>
        <location filename="../../ui/models/tambons.py" line="+55"/>
        <source>ยังไม่มีแบบประเมิน</source>
        <translation>No sheet yet</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>กำลังประเมิน</source>
        <translation>In progress</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ส่งแล้ว</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ปิดผลแล้ว</source>
        <translation>Locked</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>อำเภอ</source>
        <translation>District</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>รหัส</source>
        <translation>Code</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>แบบประเมิน</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ส่งแล้ว %1 จาก %2 แบบ</source>
        <translation>%1 of %2 sheets submitted</translation>
    </message>
    <message>
        <location line="+6"/>
        <source>คะแนนเฉลี่ย</source>
        <translation>Mean score</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>ค่าเฉลี่ยคะแนนรวมของแบบประเมินที่ส่งครบทุกเกณฑ์</source>
        <translation>Mean total of the submitted, complete sheets</translation>
    </message>
</context>
<context>
    <name>TambonsView</name>
    <message>
        <location filename="../../ui/views/tambons.py" line="+47"/>
        <source>ค้นหาตำบล อำเภอ จังหวัด หรือรหัส (ไทย/อังกฤษ) — Ctrl+F</source>
        <translation>Search tambon, district, province or code (Thai/English) — Ctrl+F</translation>
    </message>
    <message>
        <location line="+4"/>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <location line="+1"/>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>ประเมินตำบลนี้</source>
        <translation>Score this tambon</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>เปิดแบบประเมินของท่านสำหรับตำบลที่เลือก</source>
        <translation>Open your sheet for the selected tambon</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>เปรียบเทียบตำบลที่เลือก</source>
        <translation>Compare selected tambons</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>เลือก 2–4 ตำบล (Ctrl+คลิก) แล้วกดปุ่มนี้</source>
        <translation>Select 2–4 tambons (Ctrl+click), then press this button</translation>
    </message>
    <message>
        <location line="+8"/>
        <source>ทุกสถานะ</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <location line="+3"/>
        <location line="+58"/>
        <source>ทุกเขต</source>
        <translation>All zones</translation>
    </message>
    <message>
        <location line="-57"/>
        <location line="+76"/>
        <source>ทุกจังหวัด</source>
        <translation>All provinces</translation>
    </message>
    <message>
        <location line="-43"/>
        <source>กำลังโหลด…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>โหลดรายชื่อตำบลไม่ได้</source>
        <translation>Cannot load the tambons</translation>
    </message>
    <message>
        <location line="+19"/>
        <source>เขต %1</source>
        <translation>Zone %1</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>แสดง %1 จาก %2 ตำบล</source>
        <translation>Showing %1 of %2 tambons</translation>
    </message>
    <message>
        <location line="+42"/>
        <source>เปิดรายละเอียดตำบลไม่ได้</source>
        <translation>Cannot open the tambon</translation>
    </message>
    <message>
        <location line="+16"/>
        <source>เปิดแบบประเมินไม่ได้</source>
        <translation>Cannot open the sheet</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <location filename="../../ui/dialogs/transfer.py" line="-133"/>
        <source>แพ็กเกจแบบประเมินจากผู้ประเมิน…</source>
        <translation>Inspector package…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>แบบประเมิน Excel ที่ผู้ประเมินกรอกแล้ว…</source>
        <translation>Filled Excel scoresheet…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>คะแนน (Excel/CSV)…</source>
        <translation>Scores (Excel/CSV)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ข้อมูลพื้นที่ (Excel/CSV)…</source>
        <translation>Geography (Excel/CSV)…</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>เกณฑ์และรอบการประกวด (TOML)…</source>
        <translation>Contest criteria and rounds (TOML)…</translation>
    </message>
    <message>
        <location line="+11"/>
        <source>ส่งออกแพ็กเกจแบบประเมิน…</source>
        <translation>Export sheet package…</translation>
    </message>
    <message>
        <location line="+34"/>
        <source>กำลังอ่านและตรวจไฟล์…</source>
        <translation>Reading and checking the file…</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ตรวจลายมือชื่อ</source>
        <translation>Checking the signature</translation>
    </message>
    <message>
        <location line="+2"/>
        <source>รวมแบบประเมิน</source>
        <translation>Merging sheets</translation>
    </message>
    <message>
        <location line="+29"/>
        <source>การประกวด %1 — %2</source>
        <translation>Contest %1 — %2</translation>
    </message>
    <message>
        <location line="+3"/>
        <source>เกณฑ์ %1 ข้อ · รอบ %2 รอบ</source>
        <translation>%1 criteria · %2 rounds</translation>
    </message>
    <message>
        <location line="+207"/>
        <source>นำเข้า</source>
        <translation>Import</translation>
    </message>
    <message>
        <location line="+45"/>
        <source>ส่งออกแพ็กเกจแบบประเมิน</source>
        <translation>Export sheet package</translation>
    </message>
    <message>
        <location line="+101"/>
        <source>สร้างกุญแจใหม่ %1</source>
        <translation>New key made: %1</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <location line="-281"/>
        <source>เริ่ม</source>
        <translation>Start</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
    <message>
        <location line="+20"/>
        <source>กำลังทำงาน…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <location line="+37"/>
        <source>เสร็จแล้ว</source>
        <translation>Done</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>ข้อควรระวัง:</source>
        <translation>Warnings:</translation>
    </message>
    <message>
        <location line="+12"/>
        <source>ไฟล์มีปัญหา %1 ข้อ ไม่มีการเปลี่ยนแปลงใด ๆ</source>
        <translation>The file has %1 problems; nothing was changed</translation>
    </message>
    <message>
        <location line="+9"/>
        <source>ไม่สำเร็จ ไม่มีการเปลี่ยนแปลงใด ๆ</source>
        <translation>Failed; nothing was changed</translation>
    </message>
    <message>
        <location line="+5"/>
        <source>เกิดข้อผิดพลาด</source>
        <translation>An error occurred</translation>
    </message>
    <message>
        <location line="+7"/>
        <source>ยกเลิกแล้ว ไม่มีการเปลี่ยนแปลงใด ๆ</source>
        <translation>Cancelled; nothing was changed</translation>
    </message>
    <message>
        <location line="+13"/>
        <source>กำลังยกเลิก…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <location filename="../../ui/widgets.py" line="+96"/>
        <source> (ยืนยันผลแล้ว)</source>
        <translation> (finalised)</translation>
    </message>
</context>
</TS>
