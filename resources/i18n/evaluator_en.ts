<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en" sourcelanguage="th">
<context>
    <name>AccountDialog</name>
    <message>
        <source>เพิ่มบัญชีผู้ใช้</source>
        <translation>Add a user account</translation>
    </message>
    <message>
        <source>เปลี่ยนบทบาท</source>
        <translation>Change the role</translation>
    </message>
    <message>
        <source>เช่น kanokwan.b</source>
        <translation>e.g. kanokwan.b</translation>
    </message>
    <message>
        <source>ชื่อ-สกุล ภาษาไทย</source>
        <translation>Full name in Thai</translation>
    </message>
    <message>
        <source>ชื่อผู้ประเมินที่บัญชีนี้ใช้ให้คะแนน</source>
        <translation>The inspector this account scores as</translation>
    </message>
    <message>
        <source>ชื่อเข้าระบบ</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>ชื่อ-สกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>บทบาท</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>ระบบจะสร้างรหัสผ่านครั้งเดียวและแสดงให้เห็นเพียงครั้งเดียว ผู้ใช้ต้องเปลี่ยนรหัสผ่านเมื่อเข้าระบบครั้งแรก</source>
        <translation>A one-time password is made and shown only once; the user must change it at the first sign-in</translation>
    </message>
    <message>
        <source>เพิ่มบัญชี</source>
        <translation>Add the account</translation>
    </message>
    <message>
        <source>บันทึก</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>AccountsTab</name>
    <message>
        <source>ทุกบทบาท</source>
        <translation>All roles</translation>
    </message>
    <message>
        <source>ค้นหาชื่อเข้าระบบ ชื่อ-สกุล หรือผู้ประเมิน</source>
        <translation>Search login, full name or inspector</translation>
    </message>
    <message>
        <source>บทบาท</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>เพิ่มบัญชี…</source>
        <translation>Add an account…</translation>
    </message>
    <message>
        <source>ระงับ/เปิดใช้บัญชี</source>
        <translation>Disable/enable the account</translation>
    </message>
    <message>
        <source>ตั้งรหัสผ่านใหม่</source>
        <translation>Set a new password</translation>
    </message>
    <message>
        <source>เปลี่ยนบทบาท…</source>
        <translation>Change the role…</translation>
    </message>
    <message>
        <source>นำเข้าจากไฟล์…</source>
        <translation>Import from a file…</translation>
    </message>
    <message>
        <source>ดาวน์โหลดแบบฟอร์ม…</source>
        <translation>Save the template…</translation>
    </message>
    <message>
        <source>ใช่</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>ชื่อเข้าระบบ</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>ชื่อ-สกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>ระงับ</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>ล็อกชั่วคราว</source>
        <translation>Locked for now</translation>
    </message>
    <message>
        <source>ใส่รหัสผ่านผิด %1 ครั้ง ตั้งรหัสผ่านใหม่เพื่อปลดล็อก</source>
        <translation>%1 wrong passwords; set a new password to unlock</translation>
    </message>
    <message>
        <source>ต้องเปลี่ยนรหัสผ่าน</source>
        <translation>Must change the password</translation>
    </message>
    <message>
        <source>รหัสผ่าน</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>ยังไม่มี</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>ถึง %1</source>
        <translation>until %1</translation>
    </message>
    <message>
        <source>กำลังโหลด…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>โหลดบัญชีไม่ได้</source>
        <translation>Cannot load the accounts</translation>
    </message>
    <message>
        <source>%1 จาก %2 บัญชี</source>
        <translation>%1 of %2 accounts</translation>
    </message>
    <message>
        <source>เปิดใช้บัญชี</source>
        <translation>Enable the account</translation>
    </message>
    <message>
        <source>ระงับบัญชี</source>
        <translation>Disable the account</translation>
    </message>
    <message>
        <source>กำลังบันทึก…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>ไม่สำเร็จ ไม่มีการเปลี่ยนแปลงใด ๆ</source>
        <translation>Failed; nothing was changed</translation>
    </message>
    <message>
        <source>เพิ่มบัญชี %1 (%2) แล้ว</source>
        <translation>Account %1 (%2) added</translation>
    </message>
    <message>
        <source>ยืนยัน</source>
        <translation>Confirm</translation>
    </message>
    <message>
        <source>ระงับบัญชี %1? ผู้ใช้จะเข้าระบบไม่ได้จนกว่าจะเปิดใช้อีกครั้ง</source>
        <translation>Disable the account %1? The user cannot sign in until it is enabled again</translation>
    </message>
    <message>
        <source>เปิดใช้บัญชี %1 อีกครั้ง?</source>
        <translation>Enable the account %1 again?</translation>
    </message>
    <message>
        <source>ระงับบัญชี %1 แล้ว</source>
        <translation>Account %1 disabled</translation>
    </message>
    <message>
        <source>เปิดใช้บัญชี %1 แล้ว</source>
        <translation>Account %1 enabled</translation>
    </message>
    <message>
        <source>ตั้งรหัสผ่านใหม่ให้ %1? รหัสผ่านเดิมจะใช้ไม่ได้ (และปลดล็อกบัญชี) ระบบจะแสดงรหัสผ่านครั้งเดียวให้ส่งต่อ</source>
        <translation>Set a new password for %1? The old one stops working (and the account is unlocked); a one-time password is shown once for you to pass on</translation>
    </message>
    <message>
        <source>ตั้งรหัสผ่านใหม่ให้ %1 แล้ว</source>
        <translation>New password set for %1</translation>
    </message>
    <message>
        <source>%1 เป็น%2แล้ว</source>
        <translation>%1 is now %2</translation>
    </message>
    <message>
        <source>บันทึกแบบฟอร์ม</source>
        <translation>Save the template</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>เปิดฐานข้อมูลไม่ได้</source>
        <translation>Cannot open the database</translation>
    </message>
    <message>
        <source>ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง</source>
        <translation>Change-leader award evaluator</translation>
    </message>
</context>
<context>
    <name>AssignmentGridDialog</name>
    <message>
        <source>ตารางการมอบหมายรายเขต — รอบ %1</source>
        <translation>Assignments of a zone — round %1</translation>
    </message>
    <message>
        <source>เขตตรวจราชการ</source>
        <translation>Inspection zone</translation>
    </message>
    <message>
        <source>ติ๊กเพื่อมอบหมาย เอาติ๊กออกเพื่อถอน (ถามก่อน) ตัวเลขหน้าแถวคือจำนวนผู้ประเมินของตำบล ช่องสีชมพู: ผู้ประเมินมีภูมิลำเนาในจังหวัดเดียวกับตำบล</source>
        <translation>Tick to assign, untick to remove (asked first). The number before each row is the tambon&apos;s count of inspectors. Pink cells: the inspector&apos;s home province is the tambon&apos;s.</translation>
    </message>
    <message>
        <source>ถอนการมอบหมาย</source>
        <translation>Remove the assignment</translation>
    </message>
    <message>
        <source>ถอน %1 ออกจากตำบล%2 ในรอบนี้หรือไม่?</source>
        <translation>Take %1 off tambon %2 in this round?</translation>
    </message>
    <message>
        <source>มอบหมายแล้ว — ข้อควรระวัง</source>
        <translation>Assigned — to note</translation>
    </message>
    <message>
        <source>เปลี่ยนการมอบหมายไม่ได้</source>
        <translation>Could not change the assignment</translation>
    </message>
</context>
<context>
    <name>AssignmentGridModel</name>
    <message>
        <source>%1 — ตำบล%2</source>
        <translation>%1 — tambon %2</translation>
    </message>
    <message>
        <source>ผลประโยชน์ทับซ้อน: ภูมิลำเนาของผู้ประเมินอยู่ในจังหวัดเดียวกับตำบล</source>
        <translation>Conflict of interest: the inspector&apos;s home province is the tambon&apos;s</translation>
    </message>
    <message>
        <source>รหัส</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>ตำบล (จังหวัด)</source>
        <translation>Tambon (province)</translation>
    </message>
    <message>
        <source>%1
%2 ตำบล</source>
        <translation>%1
%2 tambons</translation>
    </message>
</context>
<context>
    <name>AuditAction</name>
    <message>
        <source>เพิ่ม</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>แก้ไข</source>
        <translation>Change</translation>
    </message>
    <message>
        <source>ลบ</source>
        <translation>Delete</translation>
    </message>
    <message>
        <source>ตั้งค่า</source>
        <translation>Set</translation>
    </message>
    <message>
        <source>ประทับตราเนื้อหา</source>
        <translation>Content seal</translation>
    </message>
    <message>
        <source>จุดตรวจสอบที่ลงนาม</source>
        <translation>Signed checkpoint</translation>
    </message>
    <message>
        <source>ส่งแบบประเมิน</source>
        <translation>Submit the sheet</translation>
    </message>
    <message>
        <source>ให้คะแนน</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>แก้หมายเหตุ</source>
        <translation>Change a note</translation>
    </message>
    <message>
        <source>แก้บทเรียน</source>
        <translation>Change the lessons</translation>
    </message>
    <message>
        <source>ทำเครื่องหมายควรขยายผล</source>
        <translation>Mark as worth spreading</translation>
    </message>
    <message>
        <source>ยกเลิกเครื่องหมายควรขยายผล</source>
        <translation>Remove the worth-spreading mark</translation>
    </message>
    <message>
        <source>เพิ่มรูปภาพ</source>
        <translation>Add a photo</translation>
    </message>
    <message>
        <source>ลบรูปภาพ</source>
        <translation>Remove a photo</translation>
    </message>
    <message>
        <source>ยืนยันผล</source>
        <translation>Finalise</translation>
    </message>
    <message>
        <source>เปิดอีกครั้ง</source>
        <translation>Reopen</translation>
    </message>
    <message>
        <source>ปฏิเสธการเปลี่ยนแปลง</source>
        <translation>Change refused</translation>
    </message>
    <message>
        <source>ตัดสินคะแนนเท่ากัน</source>
        <translation>Decide a tie</translation>
    </message>
    <message>
        <source>ตั้งผู้ลงนาม</source>
        <translation>Set a signatory</translation>
    </message>
    <message>
        <source>ตั้งรหัสผ่าน</source>
        <translation>Set a password</translation>
    </message>
    <message>
        <source>เปลี่ยนรหัสผ่าน</source>
        <translation>Change the password</translation>
    </message>
    <message>
        <source>เข้าระบบไม่สำเร็จ</source>
        <translation>Failed sign-in</translation>
    </message>
    <message>
        <source>ลงทะเบียนกุญแจ</source>
        <translation>Register a key</translation>
    </message>
    <message>
        <source>สร้างกุญแจ</source>
        <translation>Make a key</translation>
    </message>
    <message>
        <source>รับแบบประเมินใหม่</source>
        <translation>Receive a new sheet</translation>
    </message>
    <message>
        <source>รับฉบับใหม่แทนฉบับเดิม</source>
        <translation>Receive a newer version</translation>
    </message>
    <message>
        <source>รับฉบับที่ขัดแย้ง</source>
        <translation>Receive a conflicting version</translation>
    </message>
    <message>
        <source>จดว่าได้รับ</source>
        <translation>Note as received</translation>
    </message>
    <message>
        <source>ไม่รับแพ็กเกจ</source>
        <translation>Package refused</translation>
    </message>
    <message>
        <source>ตัดสินข้อขัดแย้ง</source>
        <translation>Decide a conflict</translation>
    </message>
    <message>
        <source>ฉบับที่ไม่ได้เลือก</source>
        <translation>Version not chosen</translation>
    </message>
</context>
<context>
    <name>AuditField</name>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>ชื่อ</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>บทบาท</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>ตำแหน่ง</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>เขตตรวจราชการ</source>
        <translation>Inspection zone</translation>
    </message>
    <message>
        <source>รหัสจังหวัดภูมิลำเนา</source>
        <translation>Home province code</translation>
    </message>
    <message>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>คะแนน</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>หมายเหตุ</source>
        <translation>Note</translation>
    </message>
    <message>
        <source>เกณฑ์</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>รุ่น</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>ผู้ได้รับรางวัล</source>
        <translation>Winners</translation>
    </message>
    <message>
        <source>SHA-256 ของผล</source>
        <translation>Result SHA-256</translation>
    </message>
    <message>
        <source>ลายนิ้วมือกุญแจ</source>
        <translation>Key fingerprint</translation>
    </message>
    <message>
        <source>ชื่อเข้าระบบ</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>ระงับ</source>
        <translation>Disabled</translation>
    </message>
    <message>
        <source>เข้าระบบผิด (ครั้ง)</source>
        <translation>Failed sign-ins</translation>
    </message>
    <message>
        <source>แบบประเมินที่ล็อก</source>
        <translation>Sheets locked</translation>
    </message>
    <message>
        <source>แบบประเมินที่ปลดล็อก</source>
        <translation>Sheets unlocked</translation>
    </message>
    <message>
        <source>คำนำหน้า/ชื่อเรื่อง</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
    <message>
        <source>แบบประเมิน</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <source>สิ่งที่พยายามทำ</source>
        <translation>Attempted</translation>
    </message>
    <message>
        <source>บทเรียน</source>
        <translation>Lessons</translation>
    </message>
    <message>
        <source>รุ่นที่แก้ต่อจาก</source>
        <translation>Edited from version</translation>
    </message>
    <message>
        <source>SHA-256</source>
        <translation>SHA-256</translation>
    </message>
    <message>
        <source>ขัดแย้งกับแบบประเมิน</source>
        <translation>Conflicts with sheet</translation>
    </message>
    <message>
        <source>รหัสแบบประเมิน</source>
        <translation>Sheet id</translation>
    </message>
    <message>
        <source>หมายเหตุทั่วไป</source>
        <translation>General note</translation>
    </message>
    <message>
        <source>แก้ไขเมื่อ</source>
        <translation>Changed on</translation>
    </message>
    <message>
        <source>สร้างเมื่อ</source>
        <translation>Made on</translation>
    </message>
    <message>
        <source>ส่งเมื่อ</source>
        <translation>Submitted on</translation>
    </message>
    <message>
        <source>รหัสตำบล</source>
        <translation>Tambon code</translation>
    </message>
    <message>
        <source>ค่า</source>
        <translation>Value</translation>
    </message>
    <message>
        <source>จังหวัด</source>
        <translation>Provinces</translation>
    </message>
    <message>
        <source>อำเภอ</source>
        <translation>Districts</translation>
    </message>
    <message>
        <source>หมู่บ้าน</source>
        <translation>Villages</translation>
    </message>
    <message>
        <source>ผู้นำการเปลี่ยนแปลง</source>
        <translation>Change leaders</translation>
    </message>
    <message>
        <source>ผู้ใช้</source>
        <translation>Users</translation>
    </message>
    <message>
        <source>ผู้ลงนาม</source>
        <translation>Signatories</translation>
    </message>
    <message>
        <source>การมอบหมาย</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <source>ข้อขัดแย้ง</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>ฉบับร่าง</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>ยังไม่ครบ</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <source>ค่าตั้งต้นของข้อมูลสุ่ม</source>
        <translation>Random seed</translation>
    </message>
    <message>
        <source>ใช่</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>ไม่</source>
        <translation>No</translation>
    </message>
</context>
<context>
    <name>AuditSource</name>
    <message>
        <source>แป้นพิมพ์</source>
        <translation>Keyboard</translation>
    </message>
    <message>
        <source>แพ็กเกจ</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>นำเข้าไฟล์</source>
        <translation>File import</translation>
    </message>
    <message>
        <source>ข้อมูลตัวอย่าง</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>ระบบ</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>AuditTableModel</name>
    <message>
        <source>เวลา</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>ผู้ทำ</source>
        <translation>By</translation>
    </message>
    <message>
        <source>ที่มา</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>การกระทำ</source>
        <translation>Action</translation>
    </message>
    <message>
        <source>สิ่งที่เปลี่ยน</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>รหัส</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>เหตุผล</source>
        <translation>Reason</translation>
    </message>
</context>
<context>
    <name>AuditView</name>
    <message>
        <source>ทุกคน</source>
        <translation>Anyone</translation>
    </message>
    <message>
        <source>ไม่กำหนด</source>
        <translation>Any</translation>
    </message>
    <message>
        <source>ค้นหาในค่าเดิม ค่าใหม่ หรือเหตุผล</source>
        <translation>Search old and new values and reasons</translation>
    </message>
    <message>
        <source>เช่น รหัสแบบประเมิน</source>
        <translation>e.g. a sheet&apos;s id</translation>
    </message>
    <message>
        <source>ผู้ทำ</source>
        <translation>By</translation>
    </message>
    <message>
        <source>ที่มา</source>
        <translation>Source</translation>
    </message>
    <message>
        <source>สิ่งที่เปลี่ยน</source>
        <translation>Entity</translation>
    </message>
    <message>
        <source>ตั้งแต่</source>
        <translation>From</translation>
    </message>
    <message>
        <source>ถึง</source>
        <translation>To</translation>
    </message>
    <message>
        <source>รหัส</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>ค้นหา</source>
        <translation>Search</translation>
    </message>
    <message>
        <source>ล้างตัวกรอง</source>
        <translation>Clear filters</translation>
    </message>
    <message>
        <source>ตรวจความถูกต้องของบันทึก</source>
        <translation>Verify the log</translation>
    </message>
    <message>
        <source>ตรวจห่วงโซ่แฮชของบันทึก และตรวจว่าแบบประเมินยังตรงกับที่บันทึกไว้</source>
        <translation>Check the log&apos;s hash chain, and that the sheets still hold what the log says</translation>
    </message>
    <message>
        <source>ส่งออก Excel…</source>
        <translation>Export to Excel…</translation>
    </message>
    <message>
        <source>ส่งออกรายการตามตัวกรองปัจจุบันเป็นไฟล์ Excel</source>
        <translation>Export the entries that pass the filters to an Excel file</translation>
    </message>
    <message>
        <source>อ่านบันทึกไม่ได้</source>
        <translation>Cannot read the log</translation>
    </message>
    <message>
        <source>เลือกรายการเพื่อดูรายละเอียด</source>
        <translation>Choose an entry to see its details</translation>
    </message>
    <message>
        <source>เหตุผล</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>แฮช</source>
        <translation>Hash</translation>
    </message>
    <message>
        <source>ค่าเดิม</source>
        <translation>Old value</translation>
    </message>
    <message>
        <source>ค่าใหม่</source>
        <translation>New value</translation>
    </message>
    <message>
        <source>ทั้งหมด</source>
        <translation>All</translation>
    </message>
    <message>
        <source>แบบประเมิน</source>
        <translation>Sheet</translation>
    </message>
    <message>
        <source>คะแนน</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>รูปภาพ</source>
        <translation>Photo</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>รอบการประกวด</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>การประกวด</source>
        <translation>Contest</translation>
    </message>
    <message>
        <source>ผู้ใช้</source>
        <translation>User</translation>
    </message>
    <message>
        <source>ผู้ลงนาม</source>
        <translation>Signatory</translation>
    </message>
    <message>
        <source>ข้อมูลตัวอย่าง</source>
        <translation>Demo data</translation>
    </message>
    <message>
        <source>การมอบหมาย</source>
        <translation>Assignment</translation>
    </message>
    <message>
        <source>ผู้นำการเปลี่ยนแปลง</source>
        <translation>Change leaders</translation>
    </message>
    <message>
        <source>บทเรียน</source>
        <translation>Lesson</translation>
    </message>
    <message>
        <source>ค่าตรวจสอบแบบประเมิน</source>
        <translation>Sheet digest</translation>
    </message>
    <message>
        <source>บันทึกการเปลี่ยนแปลง</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>กำลังอ่านบันทึก…</source>
        <translation>Reading the log…</translation>
    </message>
    <message>
        <source>ไม่มีรายการที่ตรงกับตัวกรอง</source>
        <translation>No entry passes the filters</translation>
    </message>
    <message>
        <source>%1 รายการ (แสดงแล้ว %2 เลื่อนลงเพื่อดูเพิ่ม)</source>
        <translation>%1 entries (%2 shown; scroll down for more)</translation>
    </message>
    <message>
        <source>%1 รายการ</source>
        <translation>%1 entries</translation>
    </message>
    <message>
        <source>กำลังตรวจบันทึก…</source>
        <translation>Verifying the log…</translation>
    </message>
    <message>
        <source>ตรวจบันทึกไม่ได้</source>
        <translation>Cannot verify the log</translation>
    </message>
    <message>
        <source>✔ บันทึกครบถ้วน ไม่ถูกแก้ไข: ตรวจ %1 รายการ และแบบประเมิน %2 แบบ ตรงกับบันทึก</source>
        <translation>✔ The log is whole and unaltered: %1 entries checked, and %2 sheets match it</translation>
    </message>
    <message>
        <source>✘ พบความผิดปกติ %3 จุด (ตรวจ %1 รายการ แบบประเมิน %2 แบบ):</source>
        <translation>✘ %3 problems found (%1 entries and %2 sheets checked):</translation>
    </message>
    <message>
        <source>ส่งออกบันทึกเป็น Excel</source>
        <translation>Export the log to Excel</translation>
    </message>
    <message>
        <source>ส่งออกไม่ได้</source>
        <translation>Cannot export</translation>
    </message>
    <message>
        <source>ส่งออก %1 รายการไปที่ %2</source>
        <translation>Exported %1 entries to %2</translation>
    </message>
</context>
<context>
    <name>CalendarPopup</name>
    <message>
        <source>เดือนก่อน</source>
        <translation>Previous month</translation>
    </message>
    <message>
        <source>ปี</source>
        <translation>Year</translation>
    </message>
    <message>
        <source>เดือนถัดไป</source>
        <translation>Next month</translation>
    </message>
</context>
<context>
    <name>CertificatePageBox</name>
    <message>
        <source>เกียรติบัตร: หน้าตรวจสอบและตรา</source>
        <translation>Certificates: verification page and emblem</translation>
    </message>
    <message>
        <source>ที่อยู่หน้าตรวจสอบ</source>
        <translation>Verification page address</translation>
    </message>
    <message>
        <source>ที่อยู่ที่จะเผยแพร่หน้าตรวจสอบ (ส่งออกด้วย evaluator export verifier) คิวอาร์โค้ดบนเกียรติบัตรที่ออกหลังจากนี้จะชี้มาที่นี่ ว่างไว้หากยังไม่มี</source>
        <translation>The address where the verification page will be published (exported with evaluator export verifier); the QR code of certificates issued from now on points there. Leave it empty if there is none yet</translation>
    </message>
    <message>
        <source>เลือกไฟล์ตรา (PNG/JPEG)…</source>
        <translation>Choose the emblem file (PNG/JPEG)…</translation>
    </message>
    <message>
        <source>ไม่ใช้ตรา</source>
        <translation>No emblem</translation>
    </message>
    <message>
        <source>ตราบนเกียรติบัตร</source>
        <translation>Emblem on the certificates</translation>
    </message>
    <message>
        <source>เฉพาะผู้ดูแลระบบแก้ไขได้</source>
        <translation>Only an administrator may change this</translation>
    </message>
    <message>
        <source>(ไม่มีตรา)</source>
        <translation>(no emblem)</translation>
    </message>
    <message>
        <source>เลือกไฟล์ตรา</source>
        <translation>Choose the emblem file</translation>
    </message>
    <message>
        <source>รูปภาพ (*.png *.jpg *.jpeg)</source>
        <translation>Images (*.png *.jpg *.jpeg)</translation>
    </message>
    <message>
        <source>ใช้ไฟล์ตรานี้ไม่ได้</source>
        <translation>This emblem file cannot be used</translation>
    </message>
    <message>
        <source>บันทึกการตั้งค่าเกียรติบัตรไม่ได้</source>
        <translation>Cannot save the certificate settings</translation>
    </message>
</context>
<context>
    <name>CompareView</name>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>พิมพ์ชื่อหรือรหัสตำบลเพื่อเพิ่ม (2–4 ตำบล)</source>
        <translation>Type a tambon name or code to add it (2–4 tambons)</translation>
    </message>
    <message>
        <source>เพิ่ม</source>
        <translation>Add</translation>
    </message>
    <message>
        <source>ยังไม่ได้เลือกตำบล — เลือก 2–4 ตำบลจากมุมมองตำบลหรือจัดอันดับ หรือพิมพ์ด้านบน</source>
        <translation>No tambon chosen — pick 2–4 tambons in the Tambons or Rankings view, or type above</translation>
    </message>
    <message>
        <source>เอาออกจากการเปรียบเทียบ</source>
        <translation>Remove from the comparison</translation>
    </message>
    <message>
        <source>เปรียบเทียบไม่ได้</source>
        <translation>Cannot compare</translation>
    </message>
    <message>
        <source>เลือกตำบล 2–4 ตำบลเพื่อเปรียบเทียบ</source>
        <translation>Choose 2–4 tambons to compare</translation>
    </message>
    <message>
        <source>คะแนนเฉลี่ยรายเกณฑ์ (% ของคะแนนเต็ม)</source>
        <translation>Mean score per criterion (% of the maximum)</translation>
    </message>
    <message>
        <source>คะแนนรวม</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>เกณฑ์</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>เต็ม %1 · น้ำหนัก %2</source>
        <translation>max %1 · weight %2</translation>
    </message>
    <message>
        <source>เฉลี่ย</source>
        <translation>Mean</translation>
    </message>
    <message>
        <source>ต่างกัน</source>
        <translation>Spread</translation>
    </message>
    <message>
        <source>คะแนนสูงสุด − ต่ำสุดระหว่างผู้ประเมิน</source>
        <translation>Highest − lowest score between the inspectors</translation>
    </message>
    <message>
        <source>อ.%1 จ.%2 · เขต %3</source>
        <translation>%1 district, %2 · zone %3</translation>
    </message>
    <message>
        <source>ยังไม่มีแบบประเมินที่ส่งแล้ว</source>
        <translation>No submitted sheet yet</translation>
    </message>
    <message>
        <source>(ไม่มีหมายเหตุ)</source>
        <translation>(no notes)</translation>
    </message>
</context>
<context>
    <name>ConflictsView</name>
    <message>
        <source>โหลดใหม่</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>เลือกข้อขัดแย้งจากรายการ</source>
        <translation>Choose a conflict from the list</translation>
    </message>
    <message>
        <source>ตัดสินข้อขัดแย้ง</source>
        <translation>Decide the conflict</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>รหัส</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>ฉบับ</source>
        <translation>Versions</translation>
    </message>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source> (ยืนยันผลแล้ว)</source>
        <translation> (finalised)</translation>
    </message>
    <message>
        <source>กำลังอ่านข้อขัดแย้ง…</source>
        <translation>Reading the conflicts…</translation>
    </message>
    <message>
        <source>อ่านข้อขัดแย้งไม่ได้</source>
        <translation>Cannot read the conflicts</translation>
    </message>
    <message>
        <source>แบบประเมิน %1 แบบมีมากกว่าหนึ่งฉบับ: ระบบเก็บไว้ทุกฉบับ คณะกรรมการเลือกฉบับที่ใช้ พร้อมเหตุผล</source>
        <translation>%1 sheets have more than one version: every version is kept; the committee chooses one, with a reason</translation>
    </message>
    <message>
        <source>ไม่มีข้อขัดแย้ง แบบประเมินทุกแบบมีฉบับเดียว</source>
        <translation>No conflicts: every sheet has one version</translation>
    </message>
    <message>
        <source> (ทาง%1)</source>
        <translation> (by %1)</translation>
    </message>
    <message>
        <source>ตำบล%1 · แบบประเมินของ %2</source>
        <translation>Tambon %1 · sheet of %2</translation>
    </message>
    <message>
        <source>รหัสตำบล %1 · รหัสแบบประเมิน %2</source>
        <translation>Tambon code %1 · sheet id %2</translation>
    </message>
    <message>
        <source>รอบ: %1</source>
        <translation>Round: %1</translation>
    </message>
    <message>
        <source>ฉบับในฐานข้อมูลนี้</source>
        <translation>Version in this database</translation>
    </message>
    <message>
        <source>ฉบับที่รับมา %1</source>
        <translation>Received version %1</translation>
    </message>
    <message>
        <source> (รุ่น %1)</source>
        <translation> (v%1)</translation>
    </message>
    <message>
        <source>เหตุผล
(จำเป็น)</source>
        <translation>Reason
(required)</translation>
    </message>
    <message>
        <source>เหตุผลในการเลือก บันทึกไว้ในบันทึกการเปลี่ยนแปลง เช่น ผู้ประเมินยืนยันคะแนนจากการลงพื้นที่ครั้งที่สอง</source>
        <translation>Why this version, written to the audit log, e.g. the inspector confirmed the scores on a second visit</translation>
    </message>
    <message>
        <source>เหตุผลในการเลือก</source>
        <translation>Why this version</translation>
    </message>
    <message>
        <source>ใช้ฉบับที่เลือก…</source>
        <translation>Keep the chosen version…</translation>
    </message>
    <message>
        <source>%1 แก้ไขล่าสุด %2</source>
        <translation>%1, last changed %2</translation>
    </message>
    <message>
        <source> · นำเข้า (%1) โดย %2 %3</source>
        <translation> · imported (%1) by %2 %3</translation>
    </message>
    <message>
        <source>%1: %2 · รูป %3</source>
        <translation>%1: %2 · %3 photos</translation>
    </message>
    <message>
        <source>บทเรียนที่ต่างกัน: %1 (ชี้ที่ช่องเพื่ออ่านทั้งหมด)</source>
        <translation>Lessons that differ: %1 (point at a cell to read it all)</translation>
    </message>
    <message>
        <source>หมายเหตุของแบบประเมิน</source>
        <translation>Sheet note</translation>
    </message>
    <message>
        <source>คะแนนรวม</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>บทเรียน: %1</source>
        <translation>Lessons: %1</translation>
    </message>
    <message>
        <source>เกณฑ์</source>
        <translation>Criterion</translation>
    </message>
    <message>
        <source>เต็ม</source>
        <translation>Max</translation>
    </message>
    <message>
        <source>%1 · %2</source>
        <translation>%1 · %2</translation>
    </message>
    <message>
        <source>รอบ “%1” ยืนยันผลแล้ว แบบประเมินถูกล็อก จึงตัดสินข้อขัดแย้งนี้ไม่ได้ — ผู้ดูแลระบบต้องเปิดรอบอีกครั้งก่อน</source>
        <translation>Round “%1” is finalised and its sheets are locked, so this conflict cannot be decided — an admin must reopen the round first</translation>
    </message>
    <message>
        <source>ต้องระบุเหตุผลในการเลือก</source>
        <translation>A reason is required</translation>
    </message>
    <message>
        <source>กำลังบันทึก…</source>
        <translation>Saving…</translation>
    </message>
    <message>
        <source>ยืนยันการตัดสินข้อขัดแย้ง</source>
        <translation>Confirm the conflict decision</translation>
    </message>
    <message>
        <source>ใช้%1 ของ %2 เป็นแบบประเมินของตำบล%3 (ผู้ประเมิน %4)?</source>
        <translation>Use %1 by %2 as the sheet of tambon %3 (inspector %4)?</translation>
    </message>
    <message>
        <source>%1

อีก %2 ฉบับจะไม่ถูกใช้ แต่ยังเก็บไว้และดูได้ในบันทึกการเปลี่ยนแปลง
เหตุผล: %3</source>
        <translation>%1

The other %2 versions will not be used, but they are kept and can be seen in the audit log
Reason: %3</translation>
    </message>
    <message>
        <source>ใช้ฉบับนี้</source>
        <translation>Use this version</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>บันทึกการตัดสินแล้ว (รุ่น %1)</source>
        <translation>Decision saved (v%1)</translation>
    </message>
    <message>
        <source>ตัดสินไม่ได้: รอบนี้ยืนยันผลแล้ว แบบประเมินถูกล็อก</source>
        <translation>Refused: the round is finalised and its sheets are locked</translation>
    </message>
    <message>
        <source>ตัดสินข้อขัดแย้งไม่ได้</source>
        <translation>Cannot decide the conflict</translation>
    </message>
</context>
<context>
    <name>CriterionEditor</name>
    <message>
        <source>คะแนน 0 ถึง %1 (Alt+%2) · ลบเพื่อยกเลิกคะแนน</source>
        <translation>Score 0 to %1 (Alt+%2) · delete to remove the score</translation>
    </message>
    <message>
        <source>/ %1 คะแนน · น้ำหนัก %2</source>
        <translation>/ %1 points · weight %2</translation>
    </message>
    <message>
        <source>หมายเหตุของเกณฑ์นี้</source>
        <translation>Note on this criterion</translation>
    </message>
    <message>
        <source>หมายเหตุเป็นของคะแนน: ให้คะแนนก่อนจึงเขียนได้</source>
        <translation>A note belongs to a score: give the score first</translation>
    </message>
    <message>
        <source>%1 ถึง %2</source>
        <translation>%1 to %2</translation>
    </message>
    <message>
        <source>%1 ถึงต่ำกว่า %2</source>
        <translation>%1 to below %2</translation>
    </message>
</context>
<context>
    <name>DashboardView</name>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>ปรับปรุง</source>
        <translation>Refresh</translation>
    </message>
    <message>
        <source>แบบประเมินที่ต้องมี</source>
        <translation>Sheets expected</translation>
    </message>
    <message>
        <source>ส่งแล้ว (ครบทุกเกณฑ์)</source>
        <translation>Submitted (complete)</translation>
    </message>
    <message>
        <source>ร่าง</source>
        <translation>Drafts</translation>
    </message>
    <message>
        <source>ส่งแล้วแต่ไม่ครบ</source>
        <translation>Submitted but incomplete</translation>
    </message>
    <message>
        <source>ยังไม่เริ่ม</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>ตำบลที่ครบแล้ว</source>
        <translation>Tambons complete</translation>
    </message>
    <message>
        <source>ตำบลที่ยังขาดแบบประเมิน</source>
        <translation>Tambons still lacking sheets</translation>
    </message>
    <message>
        <source>ตำบลที่ได้รับมอบหมาย</source>
        <translation>Assigned tambons</translation>
    </message>
    <message>
        <source>ส่งครบแล้ว</source>
        <translation>Complete and submitted</translation>
    </message>
    <message>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>เขต %1</source>
        <translation>Zone %1</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>ต้องมี</source>
        <translation>Expected</translation>
    </message>
    <message>
        <source>ส่งแล้ว</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>ไม่ครบ</source>
        <translation>Incomplete</translation>
    </message>
    <message>
        <source>ความคืบหน้า</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>อำเภอ</source>
        <translation>District</translation>
    </message>
    <message>
        <source>ส่งแล้ว/ต้องมี</source>
        <translation>Submitted/expected</translation>
    </message>
    <message>
        <source>โหลดงานของท่านไม่ได้</source>
        <translation>Cannot load your work</translation>
    </message>
    <message>
        <source>โหลดความคืบหน้าไม่ได้</source>
        <translation>Cannot load the progress</translation>
    </message>
    <message>
        <source>%1 ตำบล</source>
        <translation>%1 tambons</translation>
    </message>
    <message>
        <source>ไม่นับในการจัดอันดับ</source>
        <translation>not counted in the ranking</translation>
    </message>
    <message>
        <source>จาก %1 ตำบล</source>
        <translation>of %1 tambons</translation>
    </message>
    <message>
        <source>ทั้งประเทศ</source>
        <translation>Whole country</translation>
    </message>
    <message>
        <source>แบบประเมินรายเขตตรวจราชการ</source>
        <translation>Sheets by inspection zone</translation>
    </message>
    <message>
        <source>ทั้งประเทศ %1%</source>
        <translation>Whole country %1%</translation>
    </message>
    <message>
        <source>ตำบลที่ยังขาดแบบประเมิน %1 ตำบล</source>
        <translation>Tambons still lacking sheets: %1</translation>
    </message>
    <message>
        <source> (เขต %1)</source>
        <translation> (zone %1)</translation>
    </message>
</context>
<context>
    <name>DateEdit</name>
    <message>
        <source>เลือกจากปฏิทิน (Alt+ลง)</source>
        <translation>Choose from the calendar (Alt+Down)</translation>
    </message>
    <message>
        <source>อ่านวันที่ &apos;%1&apos; ไม่ได้: พิมพ์ วัน/เดือน/ปี พ.ศ. เช่น 7/12/2569 หรือ 7 ธ.ค. 2569</source>
        <translation>&apos;%1&apos; is not a date: type day/month/year, e.g. 7/12/2026 or 7 Dec 2026</translation>
    </message>
    <message>
        <source>วันที่ต้องอยู่ระหว่าง %1 ถึง %2</source>
        <translation>The date must be between %1 and %2</translation>
    </message>
</context>
<context>
    <name>DocumentsView</name>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>เอกสาร</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>พิมพ์ชื่อหรือรหัสตำบล</source>
        <translation>Type a tambon&apos;s name or code</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>เลือก…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>บันทึกที่</source>
        <translation>Save in</translation>
    </message>
    <message>
        <source>สร้างเอกสาร</source>
        <translation>Make documents</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>เปิดโฟลเดอร์</source>
        <translation>Open folder</translation>
    </message>
    <message>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
    <message>
        <source>ผู้รับ</source>
        <translation>Recipient</translation>
    </message>
    <message>
        <source>ขนาด</source>
        <translation>Size</translation>
    </message>
    <message>
        <source>เวลา</source>
        <translation>Time</translation>
    </message>
    <message>
        <source>ไฟล์ในโฟลเดอร์</source>
        <translation>Files in the folder</translation>
    </message>
    <message>
        <source>ตัวอย่าง: เลือกไฟล์ PDF</source>
        <translation>Preview: choose a PDF file</translation>
    </message>
    <message>
        <source>เกียรติบัตรตำบลที่ได้รับรางวัล</source>
        <translation>Certificates for the winning tambons</translation>
    </message>
    <message>
        <source>เกียรติบัตรตำบลและผู้นำการเปลี่ยนแปลงรายบุคคล</source>
        <translation>Certificates for the tambons and each change leader</translation>
    </message>
    <message>
        <source>ข้อความจารึกโล่ (PDF และ Excel สำหรับช่าง)</source>
        <translation>Plaque texts (PDF and Excel for the engraver)</translation>
    </message>
    <message>
        <source>รายงานสรุปผลรอบการประกวด</source>
        <translation>Summary report of the round</translation>
    </message>
    <message>
        <source>รายงานสรุปสำหรับผู้บริหาร</source>
        <translation>Executive summary</translation>
    </message>
    <message>
        <source>รายงานคะแนนรายตำบล</source>
        <translation>Per-tambon score report</translation>
    </message>
    <message>
        <source>Excel: ผลการจัดอันดับ คะแนนดิบ และงบประมาณ</source>
        <translation>Excel: rankings, raw scores and budget</translation>
    </message>
    <message>
        <source>หนังสือแนวปฏิบัติที่ดี (ถอดบทเรียน)</source>
        <translation>Good-practice book (lessons learned)</translation>
    </message>
    <message>
        <source>ไม่มีสิทธิ์</source>
        <translation>not allowed</translation>
    </message>
    <message>
        <source>ยังไม่มีในรุ่นนี้</source>
        <translation>not in this version yet</translation>
    </message>
    <message>
        <source>ยังไม่มีรอบการประกวด</source>
        <translation>No round yet</translation>
    </message>
    <message>
        <source>ยืนยันผลแล้ว: เอกสารเป็นฉบับจริง</source>
        <translation>Finalised: the documents are final</translation>
    </message>
    <message>
        <source>ยังไม่ยืนยันผล: เกียรติบัตรและโล่จะเป็นฉบับร่าง</source>
        <translation>Not finalised: certificates and plaques will be drafts</translation>
    </message>
    <message>
        <source>เลือกโฟลเดอร์</source>
        <translation>Choose a folder</translation>
    </message>
    <message>
        <source>ไฟล์ของรอบนี้อยู่ใน %1</source>
        <translation>This round&apos;s files are in %1</translation>
    </message>
    <message>
        <source>ไฟล์ในโฟลเดอร์ (%1)</source>
        <translation>Files in the folder (%1)</translation>
    </message>
    <message>
        <source>พิมพ์ชื่อหรือรหัสตำบลแล้วเลือกจากรายการก่อน</source>
        <translation>Type a tambon&apos;s name or code and choose it from the list first</translation>
    </message>
    <message>
        <source>ยกเลิก: ไม่ได้ใส่รหัสผ่านของกุญแจลงนาม</source>
        <translation>Cancelled: the signing key&apos;s passphrase was not entered</translation>
    </message>
    <message>
        <source>กำลังเริ่ม…</source>
        <translation>Starting…</translation>
    </message>
    <message>
        <source>ลงนามด้วยกุญแจของกรม %1 (จะถามรหัสผ่าน)</source>
        <translation>Signed with the department&apos;s key %1 (its passphrase will be asked)</translation>
    </message>
    <message>
        <source>ลงนามด้วยกุญแจที่เครื่องนี้สร้างเอง (self-signed) ไม่ใช่กุญแจของกรม: มีเพียงเครื่องนี้ที่เชื่อถือลายมือชื่อนี้ ผู้อื่นที่ตรวจสอบจะเห็นว่า &quot;ลงนามด้วยกุญแจที่ไม่น่าเชื่อถือ&quot; จนกว่าจะติดตั้งกุญแจของกรมในหน้าตั้งค่า</source>
        <translation>Signed with a key this computer made itself (self-signed), not the department&apos;s key: only this computer trusts the signature; anyone else who checks it will see &quot;signed by an untrusted key&quot; until the department&apos;s key is installed in Settings</translation>
    </message>
    <message>
        <source>ยังไม่ได้ตั้งที่อยู่หน้าตรวจสอบเกียรติบัตร: คิวอาร์โค้ดจะชี้ไปที่ไฟล์ index.html ในเครื่องเท่านั้น ตั้งได้ที่ แฟ้ม › ตั้งค่า… › เกียรติบัตร: หน้าตรวจสอบและตรา</source>
        <translation>The certificates&apos; verification page has no address yet: the QR code points only to the index.html file on this computer. Set it in File › Settings… › Certificates: verification page and emblem</translation>
    </message>
    <message>
        <source>กำลังหยุดหลังเอกสารฉบับปัจจุบัน…</source>
        <translation>Stopping after the current document…</translation>
    </message>
    <message>
        <source>สร้างแล้ว %1 จาก %2 ไฟล์</source>
        <translation>%1 of %2 files made</translation>
    </message>
    <message>
        <source>กำลังเตรียมข้อมูล…</source>
        <translation>Preparing…</translation>
    </message>
    <message>
        <source>หยุดแล้ว: สร้างเสร็จ %1 จาก %2 ไฟล์ ไม่มีไฟล์ที่เขียนค้างครึ่งทาง</source>
        <translation>Stopped: %1 of %2 files made; no file is left half written</translation>
    </message>
    <message>
        <source>เสร็จแล้ว: %1 ไฟล์</source>
        <translation>Done: %1 files</translation>
    </message>
    <message>
        <source> (ฉบับร่าง)</source>
        <translation> (drafts)</translation>
    </message>
    <message>
        <source>สร้างเอกสารไม่สำเร็จ</source>
        <translation>The documents could not be made</translation>
    </message>
    <message>
        <source>%1: ไม่มีตัวอย่างสำหรับไฟล์ชนิดนี้ (ดับเบิลคลิกเพื่อเปิด)</source>
        <translation>%1: no preview for this kind of file (double-click to open it)</translation>
    </message>
    <message>
        <source>เปิดไฟล์ %1 ไม่ได้</source>
        <translation>Cannot open %1</translation>
    </message>
    <message>
        <source>ตัวอย่าง: %1 · หน้า 1 จาก %2</source>
        <translation>Preview: %1 · page 1 of %2</translation>
    </message>
</context>
<context>
    <name>ExportDialog</name>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>บันทึกเป็น…</source>
        <translation>Save as…</translation>
    </message>
    <message>
        <source>ไฟล์แพ็กเกจ</source>
        <translation>Package file</translation>
    </message>
    <message>
        <source>ไฟล์กุญแจส่วนตัว</source>
        <translation>Private key file</translation>
    </message>
    <message>
        <source>รหัสผ่านของกุญแจ</source>
        <translation>Key passphrase</translation>
    </message>
    <message>
        <source>ยืนยันรหัสผ่านของกุญแจใหม่</source>
        <translation>Repeat the new key&apos;s passphrase</translation>
    </message>
    <message>
        <source>ผู้ประเมินคนเดียว (ไฟล์ .xlsx)</source>
        <translation>One inspector (an .xlsx file)</translation>
    </message>
    <message>
        <source>ผู้ประเมินทุกคนของเขตตรวจราชการ (โฟลเดอร์)</source>
        <translation>Every inspector of an inspection zone (a folder)</translation>
    </message>
    <message>
        <source>ส่งออกให้</source>
        <translation>Export for</translation>
    </message>
    <message>
        <source>เขต %1</source>
        <translation>Zone %1</translation>
    </message>
    <message>
        <source>เขตตรวจราชการ</source>
        <translation>Inspection zone</translation>
    </message>
    <message>
        <source>เลือก…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>ไฟล์ Excel หนึ่งไฟล์ต่อผู้ประเมิน: ตำบลที่ได้รับมอบหมายในรอบที่ยังเปิดอยู่ เกณฑ์และคำอธิบายระดับคะแนน ช่องกรอกมีการตรวจค่า โครงสร้างถูกล็อก เมื่อกรอกแล้วนำเข้าด้วย แฟ้ม › นำเข้า › แบบประเมิน Excel ที่ผู้ประเมินกรอกแล้ว</source>
        <translation>One Excel file per inspector: the tambons assigned to them in the rounds still open, the criteria and the level descriptions; the entry cells are checked and the layout is locked. Once filled in, import it with File › Import › Excel scoresheets filled in by inspectors</translation>
    </message>
    <message>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
    <message>
        <source>โฟลเดอร์</source>
        <translation>Folder</translation>
    </message>
    <message>
        <source>เลือกผู้ประเมินและไฟล์ให้ครบ</source>
        <translation>Choose the inspector and the file</translation>
    </message>
    <message>
        <source>เลือกเขตและโฟลเดอร์ให้ครบ</source>
        <translation>Choose the zone and the folder</translation>
    </message>
    <message>
        <source>ใช้กุญแจที่มีอยู่ในเครื่องนี้</source>
        <translation>Uses the key already on this computer</translation>
    </message>
    <message>
        <source>ยังไม่มีกุญแจของผู้ประเมินนี้ ระบบจะสร้างกุญแจใหม่ด้วยรหัสผ่านที่กรอก</source>
        <translation>This inspector has no key yet: a new key will be made with the passphrase you enter</translation>
    </message>
    <message>
        <source>กรอกผู้ประเมิน ไฟล์ และรหัสผ่านให้ครบ</source>
        <translation>Fill in the inspector, the file and the passphrase</translation>
    </message>
    <message>
        <source>รหัสผ่านของกุญแจใหม่สั้นเกินไป: ต้องยาวอย่างน้อย %1 ตัวอักษร แก้ในช่อง “รหัสผ่านของกุญแจ” แล้วพิมพ์ซ้ำในช่องยืนยัน</source>
        <translation>The new key&apos;s passphrase is too short: it needs at least %1 characters. Correct it in “Key passphrase” and type it again in the confirmation box</translation>
    </message>
    <message>
        <source>รหัสผ่านสองครั้งไม่ตรงกัน (กุญแจใหม่ต้องพิมพ์รหัสผ่านสองครั้ง)</source>
        <translation>The two passphrases differ (a new key&apos;s passphrase is typed twice)</translation>
    </message>
</context>
<context>
    <name>FirstAdminDialog</name>
    <message>
        <source>สร้างผู้ดูแลระบบคนแรก</source>
        <translation>Create the first admin</translation>
    </message>
    <message>
        <source>ฐานข้อมูลนี้ยังไม่มีผู้ใช้ ผู้ใช้คนแรกจะเป็นผู้ดูแลระบบ ซึ่งเพิ่มผู้ประเมินและคณะกรรมการได้ภายหลัง</source>
        <translation>This database has no users yet. The first user is its admin, who can add inspectors and committee members later.</translation>
    </message>
    <message>
        <source>ชื่อ-นามสกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>ชื่อเข้าใช้</source>
        <translation>Login</translation>
    </message>
    <message>
        <source>รหัสผ่าน (อย่างน้อย 8 ตัวอักษร)</source>
        <translation>Password (at least 8 characters)</translation>
    </message>
    <message>
        <source>พิมพ์รหัสผ่านอีกครั้ง</source>
        <translation>Type the password again</translation>
    </message>
    <message>
        <source>สร้างและเข้าใช้งาน</source>
        <translation>Create and sign in</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>รหัสผ่านสองช่องไม่ตรงกัน</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>FirstRunDialog</name>
    <message>
        <source>ยังไม่มีฐานข้อมูล</source>
        <translation>No database yet</translation>
    </message>
    <message>
        <source>ยังไม่มีฐานข้อมูลที่ %1
ถ้าเพิ่งติดตั้งโปรแกรม ให้สร้างฐานข้อมูลใหม่ของการประกวด หรือเปิดข้อมูลตัวอย่างเพื่อฝึกใช้งาน ถ้าฐานข้อมูลอยู่ที่อื่น ให้เลือกไฟล์ โปรแกรมยังไม่ได้สร้างไฟล์ใด</source>
        <translation>There is no database at %1 yet.
If the program was just installed, make a new contest database, or open the demo to practise. If the database is somewhere else, choose its file. No file has been made.</translation>
    </message>
    <message>
        <source>เปิดข้อมูลตัวอย่าง (ฝึกใช้งาน)</source>
        <translation>Open the demo (practice)</translation>
    </message>
    <message>
        <source>เลือกไฟล์ฐานข้อมูลที่มีอยู่…</source>
        <translation>Choose an existing database file…</translation>
    </message>
    <message>
        <source>ออก</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>สร้างฐานข้อมูลใหม่ของการประกวด พร้อมบัญชีผู้ดูแลระบบ</source>
        <translation>Make a new contest database with its admin account</translation>
    </message>
    <message>
        <source>เช่น นางสาวสมใจ ใจดี</source>
        <translation>e.g. Somjai Jaidee</translation>
    </message>
    <message>
        <source>ชื่อเข้าใช้ของผู้ดูแลระบบ</source>
        <translation>Admin&apos;s login</translation>
    </message>
    <message>
        <source>ชื่อ-นามสกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>รหัสผ่าน</source>
        <translation>Password</translation>
    </message>
    <message>
        <source>พิมพ์รหัสผ่านอีกครั้ง</source>
        <translation>Password again</translation>
    </message>
    <message>
        <source>สร้างฐานข้อมูลใหม่</source>
        <translation>Make the new database</translation>
    </message>
    <message>
        <source>ไม่มีโฟลเดอร์ %1 ตรวจสอบที่อยู่ของฐานข้อมูล หรือเลือกไฟล์</source>
        <translation>There is no folder %1: check the database&apos;s path, or choose a file</translation>
    </message>
    <message>
        <source>รหัสผ่านสองครั้งไม่ตรงกัน</source>
        <translation>The two passwords differ</translation>
    </message>
    <message>
        <source>กำลังสร้างข้อมูลตัวอย่าง…</source>
        <translation>Making the demo…</translation>
    </message>
    <message>
        <source>เลือกไฟล์ฐานข้อมูล</source>
        <translation>Choose the database file</translation>
    </message>
    <message>
        <source>ฐานข้อมูล (*.sqlite3 *.sqlite *.db);;ทุกไฟล์ (*)</source>
        <translation>Databases (*.sqlite3 *.sqlite *.db);;All files (*)</translation>
    </message>
</context>
<context>
    <name>GuideDialog</name>
    <message>
        <source>คู่มือการใช้งาน</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>ไม่พบไฟล์คู่มือ %1 ในชุดติดตั้งนี้</source>
        <translation>The guide %1 is missing from this installation</translation>
    </message>
    <message>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>IdentityDialog</name>
    <message>
        <source>ท่านคือใคร</source>
        <translation>Who are you?</translation>
    </message>
    <message>
        <source>เลือกชื่อของท่าน ระบบจะแสดงและอนุญาตเฉพาะงานที่บทบาทของท่านทำได้</source>
        <translation>Choose your name: the program shows and allows only what your role may do.</translation>
    </message>
    <message>
        <source>พิมพ์ชื่อเพื่อค้นหา</source>
        <translation>Type a name to search</translation>
    </message>
    <message>
        <source>ชื่อ</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>บทบาท</source>
        <translation>Role</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>เข้าใช้งาน</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>ImportDialog</name>
    <message>
        <source>เลือกไฟล์ที่จะนำเข้า</source>
        <translation>Choose the file to import</translation>
    </message>
    <message>
        <source>เลือกไฟล์…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
    <message>
        <source>ระบบตรวจทั้งไฟล์ก่อนบันทึก หากมีข้อผิดพลาดแม้แถวเดียวจะไม่บันทึกอะไรเลย และแสดงปัญหาทุกแถวด้านล่าง</source>
        <translation>The whole file is checked before anything is saved: if even one row is wrong, nothing is saved and every problem is listed below.</translation>
    </message>
    <message>
        <source>ยังไม่ได้เลือกไฟล์</source>
        <translation>No file chosen</translation>
    </message>
</context>
<context>
    <name>KeyDialog</name>
    <message>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>KeyState</name>
    <message>
        <source>ยังไม่ได้ลงทะเบียน</source>
        <translation>Not registered</translation>
    </message>
    <message>
        <source>ลงทะเบียนกุญแจแล้ว</source>
        <translation>Key registered</translation>
    </message>
    <message>
        <source>ลงทะเบียนลายนิ้วมือแล้ว (รอแพ็กเกจแรก)</source>
        <translation>Fingerprint registered (awaiting the first package)</translation>
    </message>
</context>
<context>
    <name>LeaderCertificatesDialog</name>
    <message>
        <source>เกียรติบัตรผู้นำการเปลี่ยนแปลงที่เลือก</source>
        <translation>Certificates of the selected change leaders</translation>
    </message>
    <message>
        <source>ผู้นำที่เลือก %1 คน จะได้เกียรติบัตรเฉพาะผู้ที่ตำบลได้รับรางวัลในรอบที่เลือก ผู้นำของตำบลอื่นจะแสดงรายชื่อไว้ในผลลัพธ์</source>
        <translation>%1 leaders selected: only those whose tambon won a prize in the chosen round get a certificate; the leaders of other tambons are listed in the outcome</translation>
    </message>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>เลือกโฟลเดอร์…</source>
        <translation>Choose a folder…</translation>
    </message>
    <message>
        <source>บันทึกที่</source>
        <translation>Save in</translation>
    </message>
    <message>
        <source>พิมพ์เกียรติบัตร</source>
        <translation>Make the certificates</translation>
    </message>
    <message>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>โฟลเดอร์เกียรติบัตร</source>
        <translation>Certificate folder</translation>
    </message>
    <message>
        <source>เลือกโฟลเดอร์ที่จะบันทึกก่อน</source>
        <translation>First choose the folder to save in</translation>
    </message>
    <message>
        <source>ยกเลิก: ไม่ได้ใส่รหัสผ่านของกุญแจลงนาม</source>
        <translation>Cancelled: the signing key&apos;s passphrase was not entered</translation>
    </message>
    <message>
        <source>พิมพ์เกียรติบัตร %1 ฉบับที่ %2</source>
        <translation>%1 certificates made in %2</translation>
    </message>
    <message>
        <source>ข้อควรระวัง:</source>
        <translation>Warnings:</translation>
    </message>
    <message>
        <source>พิมพ์ไม่สำเร็จ: %1</source>
        <translation>Making the certificates failed: %1</translation>
    </message>
</context>
<context>
    <name>LeadersDialog</name>
    <message>
        <source>ผู้นำการเปลี่ยนแปลง ตำบล%1 (%2)</source>
        <translation>Change leaders of tambon %1 (%2)</translation>
    </message>
    <message>
        <source>แก้ไขในตาราง เพิ่มหรือลบแถว ลำดับแถวคือลำดับเลขที่เกียรติบัตร กดบันทึกเพื่อแทนที่รายชื่อเดิมทั้งหมด (แถวว่างจะถูกข้าม)</source>
        <translation>Edit in the table, add or delete rows; the order of the rows is the order of the certificate numbers. Save replaces the whole former list (empty rows are skipped)</translation>
    </message>
    <message>
        <source>คำนำหน้า</source>
        <translation>Title</translation>
    </message>
    <message>
        <source>ชื่อ</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>นามสกุล</source>
        <translation>Surname</translation>
    </message>
    <message>
        <source>ตำแหน่ง/บทบาท</source>
        <translation>Position/role</translation>
    </message>
    <message>
        <source>หมู่บ้าน</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>โทรศัพท์</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>เพิ่มแถว</source>
        <translation>Add a row</translation>
    </message>
    <message>
        <source>ลบแถว</source>
        <translation>Delete the row</translation>
    </message>
    <message>
        <source>เลื่อนขึ้น</source>
        <translation>Move up</translation>
    </message>
    <message>
        <source>เลื่อนลง</source>
        <translation>Move down</translation>
    </message>
    <message>
        <source>บันทึก</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>ไม่ได้บันทึก ไม่มีการเปลี่ยนแปลงใด ๆ</source>
        <translation>Not saved; nothing was changed</translation>
    </message>
</context>
<context>
    <name>LessonsBox</name>
    <message>
        <source>ถอดบทเรียน (บทเรียนที่ได้จากตำบลนี้)</source>
        <translation>Lessons learned (what this tambon teaches)</translation>
    </message>
    <message>
        <source>เขียนสิ่งที่ได้เรียนรู้จากตำบลนี้ ตำบลอื่นจะนำไปใช้ได้ คณะกรรมการคัดเลือกแนวปฏิบัติที่ควรขยายผลไปลงในรายงานสรุปสำหรับผู้บริหารและหนังสือแนวปฏิบัติที่ดี</source>
        <translation>Write what can be learned from this tambon for other tambons to use; the committee chooses the practices worth spreading for the executive summary and the good-practice book</translation>
    </message>
    <message>
        <source>แก้ %1</source>
        <translation>Edit %1</translation>
    </message>
</context>
<context>
    <name>LessonsView</name>
    <message>
        <source>ค้นหาคำในบทเรียน ตำบล อำเภอ จังหวัด หรือผู้ประเมิน</source>
        <translation>Search the lessons, tambon, district, province or inspector</translation>
    </message>
    <message>
        <source>ทุกเขต</source>
        <translation>All zones</translation>
    </message>
    <message>
        <source>เขต %1</source>
        <translation>Zone %1</translation>
    </message>
    <message>
        <source>เฉพาะที่ควรขยายผล</source>
        <translation>Only those worth spreading</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>ขยายผล</source>
        <translation>Spread</translation>
    </message>
    <message>
        <source>แนวปฏิบัติที่ดี</source>
        <translation>Good practice</translation>
    </message>
    <message>
        <source>เปิดแบบประเมิน</source>
        <translation>Open the sheet</translation>
    </message>
    <message>
        <source>ควรขยายผล…</source>
        <translation>Worth spreading…</translation>
    </message>
    <message>
        <source>ทำเครื่องหมายว่าแนวปฏิบัตินี้ควรขยายผล (คณะกรรมการ)</source>
        <translation>Mark this practice as worth spreading (committee)</translation>
    </message>
    <message>
        <source>ยกเลิกเครื่องหมาย…</source>
        <translation>Remove the mark…</translation>
    </message>
    <message>
        <source>โหลดบทเรียนไม่ได้</source>
        <translation>Cannot load the lessons</translation>
    </message>
    <message>
        <source>%1 จาก %2 รายการ</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>เขต %1 · %2 · ผู้ประเมิน %3</source>
        <translation>Zone %1 · %2 · inspector %3</translation>
    </message>
    <message>
        <source>ควรขยายผล (โดย %1)</source>
        <translation>Worth spreading (by %1)</translation>
    </message>
    <message>
        <source>ควรขยายผล</source>
        <translation>Worth spreading</translation>
    </message>
    <message>
        <source>เหตุผลหรือข้อเสนอของคณะกรรมการ (เว้นว่างได้):</source>
        <translation>The committee&apos;s reason or suggestion (may be left empty):</translation>
    </message>
    <message>
        <source>ยกเลิกเครื่องหมาย</source>
        <translation>Remove the mark</translation>
    </message>
    <message>
        <source>เหตุผลที่ยกเลิก:</source>
        <translation>Why the mark is removed:</translation>
    </message>
    <message>
        <source>บันทึกไม่ได้</source>
        <translation>Cannot save</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>ระบบประเมินตำบลผู้นำการเปลี่ยนแปลง — กรมการพัฒนาชุมชน</source>
        <translation>Change-leader award evaluator — Community Development Department</translation>
    </message>
    <message>
        <source>มุมมอง</source>
        <translation>View</translation>
    </message>
    <message>
        <source>ความคืบหน้า</source>
        <translation>Progress</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambons</translation>
    </message>
    <message>
        <source>แบบประเมิน</source>
        <translation>Scoring</translation>
    </message>
    <message>
        <source>จัดอันดับ</source>
        <translation>Rankings</translation>
    </message>
    <message>
        <source>เปรียบเทียบ</source>
        <translation>Compare</translation>
    </message>
    <message>
        <source>แพ็กเกจ</source>
        <translation>Packages</translation>
    </message>
    <message>
        <source>ข้อขัดแย้ง</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>เอกสาร</source>
        <translation>Documents</translation>
    </message>
    <message>
        <source>บทเรียน</source>
        <translation>Lessons</translation>
    </message>
    <message>
        <source>บันทึก</source>
        <translation>Audit log</translation>
    </message>
    <message>
        <source>ตั้งค่า</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>แฟ้ม</source>
        <translation>File</translation>
    </message>
    <message>
        <source>นำเข้า</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>กุญแจของผู้ประเมิน…</source>
        <translation>Inspector key…</translation>
    </message>
    <message>
        <source>ลงทะเบียนกุญแจผู้ประเมิน…</source>
        <translation>Register an inspector&apos;s key…</translation>
    </message>
    <message>
        <source>เปลี่ยนผู้ใช้…</source>
        <translation>Switch user…</translation>
    </message>
    <message>
        <source>ตั้งค่า…</source>
        <translation>Settings…</translation>
    </message>
    <message>
        <source>ออก</source>
        <translation>Quit</translation>
    </message>
    <message>
        <source>แก้ไข</source>
        <translation>Edit</translation>
    </message>
    <message>
        <source>ค้นหาตำบล</source>
        <translation>Find tambon</translation>
    </message>
    <message>
        <source>ช่วยเหลือ</source>
        <translation>Help</translation>
    </message>
    <message>
        <source>คู่มือการใช้งาน</source>
        <translation>User guide</translation>
    </message>
    <message>
        <source>เกี่ยวกับโปรแกรม</source>
        <translation>About</translation>
    </message>
    <message>
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
        <source>กุญแจของผู้ประเมิน</source>
        <translation>Inspector key</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>กุญแจใช้ลงนามแพ็กเกจแบบประเมินที่ส่งให้คณะกรรมการ กุญแจส่วนตัวเก็บไว้ในเครื่องนี้ เข้ารหัสด้วยรหัสผ่าน (อย่างน้อย 8 ตัวอักษร) คณะกรรมการลงทะเบียนด้วยไฟล์กุญแจสาธารณะ หรือด้วยลายนิ้วมือที่อ่านให้ฟัง</source>
        <translation>The key signs the packages of sheets you hand to the committee. The private key stays on this machine, encrypted with a passphrase (at least 8 characters). The committee registers it from the public-key file, or from the fingerprint you read to them.</translation>
    </message>
    <message>
        <source>ลายนิ้วมือ</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>อ่านว่า</source>
        <translation>Read aloud</translation>
    </message>
    <message>
        <source>ไฟล์กุญแจส่วนตัว</source>
        <translation>Private key file</translation>
    </message>
    <message>
        <source>รหัสผ่าน</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>ยืนยันรหัสผ่าน</source>
        <translation>Repeat the passphrase</translation>
    </message>
    <message>
        <source>สร้างกุญแจใหม่แทนกุญแจเดิม (ต้องแจ้งคณะกรรมการให้ลงทะเบียนใหม่)</source>
        <translation>Make a new key in place of the old one (the committee must register it again)</translation>
    </message>
    <message>
        <source>สร้างกุญแจ</source>
        <translation>Make the key</translation>
    </message>
    <message>
        <source>บันทึกไฟล์กุญแจสาธารณะ…</source>
        <translation>Save the public-key file…</translation>
    </message>
    <message>
        <source>ผู้ใช้นี้ไม่ได้เป็นผู้ประเมิน จึงไม่มีกุญแจ</source>
        <translation>This user is not an inspector and has no key</translation>
    </message>
    <message>
        <source>ยังไม่มีกุญแจ ตั้งรหัสผ่านแล้วกด “สร้างกุญแจ”</source>
        <translation>No key yet: choose a passphrase and press “Make the key”</translation>
    </message>
    <message>
        <source>ฐานข้อมูลนี้มีกุญแจของผู้ประเมินนี้ แต่ไม่พบไฟล์กุญแจส่วนตัวในเครื่องนี้</source>
        <translation>This database has the inspector&apos;s key, but the private key file is not on this machine</translation>
    </message>
    <message>
        <source>มีกุญแจแล้ว อ่านลายนิ้วมือให้คณะกรรมการฟัง หรือส่งไฟล์กุญแจสาธารณะ</source>
        <translation>The key is ready: read the fingerprint to the committee, or send them the public-key file</translation>
    </message>
    <message>
        <source>รหัสผ่านยังสั้นเกินไป: ต้องยาวอย่างน้อย %1 ตัวอักษร</source>
        <translation>The passphrase is too short: it needs at least %1 characters</translation>
    </message>
    <message>
        <source>รหัสผ่านกับช่องยืนยันรหัสผ่านยังไม่ตรงกัน</source>
        <translation>The passphrase and its confirmation differ</translation>
    </message>
    <message>
        <source>พิมพ์รหัสผ่านเดิมอีกครั้งในช่องยืนยันรหัสผ่าน</source>
        <translation>Type the same passphrase again in the confirmation box</translation>
    </message>
    <message>
        <source>รหัสผ่านสองครั้งไม่ตรงกัน</source>
        <translation>The two passphrases differ</translation>
    </message>
    <message>
        <source>สร้างกุญแจแล้ว ลายนิ้วมือ %1 เก็บกุญแจส่วนตัวไว้ที่ %2</source>
        <translation>Key made: fingerprint %1; the private key is kept in %2</translation>
    </message>
    <message>
        <source>บันทึกไฟล์กุญแจสาธารณะ</source>
        <translation>Save the public-key file</translation>
    </message>
    <message>
        <source>กุญแจสาธารณะ (*.pem);;ทุกไฟล์ (*)</source>
        <translation>Public key (*.pem);;All files (*)</translation>
    </message>
    <message>
        <source>บันทึกไฟล์กุญแจสาธารณะที่ %1 แล้ว</source>
        <translation>Public-key file saved as %1</translation>
    </message>
</context>
<context>
    <name>MyWorkPanel</name>
    <message>
        <source>ตำบลที่ท่านได้รับมอบหมาย</source>
        <translation>Your assigned tambons</translation>
    </message>
    <message>
        <source>ให้คะแนนตำบลนี้</source>
        <translation>Score this tambon</translation>
    </message>
    <message>
        <source>เปิดแบบประเมินของท่านสำหรับตำบลที่เลือก (Enter)</source>
        <translation>Open your sheet for the selected tambon (Enter)</translation>
    </message>
    <message>
        <source>ยังไม่มีตำบลที่มอบหมายให้ท่านในรอบนี้ ติดต่อผู้ดูแลระบบของกรมเพื่อรับการมอบหมาย</source>
        <translation>No tambon is assigned to you in this round yet; ask the department&apos;s administrator for your assignments</translation>
    </message>
    <message>
        <source>ยังไม่เริ่ม</source>
        <translation>Not started</translation>
    </message>
    <message>
        <source>ส่งแล้วแต่ไม่ครบ</source>
        <translation>Submitted but incomplete</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>อำเภอ</source>
        <translation>District</translation>
    </message>
    <message>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>สถานะแบบประเมิน</source>
        <translation>Sheet state</translation>
    </message>
    <message>
        <source>ให้คะแนนแล้ว</source>
        <translation>Scored</translation>
    </message>
    <message>
        <source>คะแนนรวม</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>แก้ไขล่าสุด</source>
        <translation>Last changed</translation>
    </message>
    <message>
        <source>ตำบลที่ท่าน (%1) ได้รับมอบหมายใน%2: %3 ตำบล ส่งครบแล้ว %4</source>
        <translation>Tambons assigned to you (%1) in %2: %3, complete and submitted %4</translation>
    </message>
    <message>
        <source>เปิดแบบประเมินไม่ได้</source>
        <translation>Cannot open the sheet</translation>
    </message>
</context>
<context>
    <name>NewPasswordDialog</name>
    <message>
        <source>ตั้งรหัสผ่านใหม่</source>
        <translation>Set a new password</translation>
    </message>
    <message>
        <source>รหัสผ่านนี้ใช้ได้ครั้งเดียว ตั้งรหัสผ่านใหม่ของท่าน (อย่างน้อย 8 ตัวอักษร)</source>
        <translation>This password works only once: set your own new password (at least 8 characters)</translation>
    </message>
    <message>
        <source>รหัสผ่านใหม่</source>
        <translation>New password</translation>
    </message>
    <message>
        <source>พิมพ์อีกครั้ง</source>
        <translation>Type it again</translation>
    </message>
    <message>
        <source>บันทึก</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>รหัสผ่านสองช่องไม่ตรงกัน</source>
        <translation>The two passwords differ</translation>
    </message>
</context>
<context>
    <name>OneTimePasswordDialog</name>
    <message>
        <source>รหัสผ่านครั้งเดียว</source>
        <translation>One-time password</translation>
    </message>
    <message>
        <source>รหัสผ่านครั้งเดียวของ %1 แสดงเพียงครั้งนี้ ระบบไม่เก็บไว้และจะไม่แสดงอีก ส่งให้เจ้าของบัญชีทางช่องทางที่ปลอดภัย ผู้ใช้ต้องเปลี่ยนรหัสผ่านเมื่อเข้าระบบครั้งแรก</source>
        <translation>The one-time password of %1 is shown only this once; it is not kept and will not be shown again. Send it to the account holder by a safe channel; the user must change it at the first sign-in</translation>
    </message>
    <message>
        <source>คัดลอก</source>
        <translation>Copy</translation>
    </message>
    <message>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>Outcome</name>
    <message>
        <source>เพิ่มใหม่</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>แทนฉบับเดิม</source>
        <translation>Replaced the older version</translation>
    </message>
    <message>
        <source>ขัดแย้ง (เก็บไว้ทั้งสองฉบับ)</source>
        <translation>Conflict (both versions kept)</translation>
    </message>
    <message>
        <source>มีอยู่แล้ว (จดว่าได้รับ)</source>
        <translation>Already here (noted as received)</translation>
    </message>
    <message>
        <source>ซ้ำ ไม่เปลี่ยนแปลง</source>
        <translation>Duplicate; nothing changed</translation>
    </message>
    <message>
        <source>เก่ากว่าฉบับที่มี ไม่เปลี่ยนแปลง</source>
        <translation>Older than the version here; nothing changed</translation>
    </message>
    <message>
        <source>ไม่รับ: รอบยืนยันผลแล้ว</source>
        <translation>Refused: the round is finalised</translation>
    </message>
</context>
<context>
    <name>PackagesView</name>
    <message>
        <source>นำเข้าแพ็กเกจ…</source>
        <translation>Import a package…</translation>
    </message>
    <message>
        <source>นำเข้าแบบประเมิน Excel…</source>
        <translation>Import an Excel scoresheet…</translation>
    </message>
    <message>
        <source>โหลดใหม่</source>
        <translation>Reload</translation>
    </message>
    <message>
        <source>เลือกรายการนำเข้าเพื่อดูว่าเปลี่ยนอะไร</source>
        <translation>Choose an import to see what it changed</translation>
    </message>
    <message>
        <source>ไปที่ข้อขัดแย้ง</source>
        <translation>Go to the conflicts</translation>
    </message>
    <message>
        <source>แพ็กเกจที่นำเข้า</source>
        <translation>Imported packages</translation>
    </message>
    <message>
        <source>ระบบรับแพ็กเกจเฉพาะที่ลงนามด้วยกุญแจของผู้ประเมินที่ลงทะเบียนไว้ ลงทะเบียนจากไฟล์กุญแจสาธารณะที่ผู้ประเมินส่งมา หรือจากลายนิ้วมือที่ผู้ประเมินอ่านให้ฟังทางโทรศัพท์</source>
        <translation>Packages are accepted only when signed with the inspector&apos;s registered key. Register it from the public-key file the inspector sends, or from the fingerprint they read to you over the phone.</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>สถานะกุญแจ</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>ลายนิ้วมือ</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>ลงทะเบียนกุญแจ…</source>
        <translation>Register a key…</translation>
    </message>
    <message>
        <source>กุญแจผู้ประเมิน</source>
        <translation>Inspector keys</translation>
    </message>
    <message>
        <source>เมื่อ</source>
        <translation>When</translation>
    </message>
    <message>
        <source>ชนิด</source>
        <translation>Kind</translation>
    </message>
    <message>
        <source>แพ็กเกจ</source>
        <translation>Package</translation>
    </message>
    <message>
        <source>Excel</source>
        <translation>Excel</translation>
    </message>
    <message>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
    <message>
        <source>ผู้นำเข้า</source>
        <translation>Imported by</translation>
    </message>
    <message>
        <source>เพิ่มใหม่</source>
        <translation>Added</translation>
    </message>
    <message>
        <source>แทนฉบับเดิม</source>
        <translation>Replaced</translation>
    </message>
    <message>
        <source>ขัดแย้ง</source>
        <translation>Conflicts</translation>
    </message>
    <message>
        <source>ไม่รับ</source>
        <translation>Refused</translation>
    </message>
    <message>
        <source>ไม่เปลี่ยน</source>
        <translation>Unchanged</translation>
    </message>
    <message>
        <source>ผล</source>
        <translation>Outcome</translation>
    </message>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>อำเภอ / จังหวัด</source>
        <translation>District / province</translation>
    </message>
    <message>
        <source>รหัส</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>รุ่น</source>
        <translation>Version</translation>
    </message>
    <message>
        <source>รายละเอียด</source>
        <translation>Details</translation>
    </message>
    <message>
        <source>กำลังอ่านรายการนำเข้า…</source>
        <translation>Reading the imports…</translation>
    </message>
    <message>
        <source>อ่านรายการนำเข้าไม่ได้</source>
        <translation>Cannot read the imports</translation>
    </message>
    <message>
        <source>นำเข้าแล้ว %1 ไฟล์ · เกิดข้อขัดแย้ง %2 ครั้ง</source>
        <translation>%1 files imported · %2 conflicts</translation>
    </message>
    <message>
        <source>ยังไม่มีการนำเข้าแพ็กเกจหรือแบบประเมิน Excel</source>
        <translation>No package or Excel scoresheet imported yet</translation>
    </message>
    <message>
        <source>นำเข้าเมื่อ %1 โดย %2</source>
        <translation>Imported %1 by %2</translation>
    </message>
    <message>
        <source>ไม่มีแบบประเมินใดเปลี่ยนแปลง</source>
        <translation>No sheet changed</translation>
    </message>
</context>
<context>
    <name>PasswordDialog</name>
    <message>
        <source>ใส่รหัสผ่าน</source>
        <translation>Enter the password</translation>
    </message>
    <message>
        <source>รหัสผ่านของ %1 (ชื่อเข้าใช้ %2)</source>
        <translation>Password of %1 (login %2)</translation>
    </message>
    <message>
        <source>ฐานข้อมูลตัวอย่าง: ทุกบัญชีใช้รหัสผ่าน demo (ผู้ดูแลระบบคือ admin)</source>
        <translation>Demo database: every account&apos;s password is demo (the administrator is admin)</translation>
    </message>
    <message>
        <source>เข้าใช้งาน</source>
        <translation>Sign in</translation>
    </message>
    <message>
        <source>ย้อนกลับ</source>
        <translation>Back</translation>
    </message>
</context>
<context>
    <name>PhotoViewer</name>
    <message>
        <source>%1 × %2 พิกเซล</source>
        <translation>%1 × %2 pixels</translation>
    </message>
    <message>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>ProblemsModel</name>
    <message>
        <source>แถว</source>
        <translation>Row</translation>
    </message>
    <message>
        <source>ช่อง</source>
        <translation>Field</translation>
    </message>
    <message>
        <source>ปัญหา</source>
        <translation>Problem</translation>
    </message>
    <message>
        <source>ไฟล์: แผ่นงาน</source>
        <translation>File: sheet</translation>
    </message>
</context>
<context>
    <name>RankingsView</name>
    <message>
        <source>ทั้งประเทศ</source>
        <translation>Whole country</translation>
    </message>
    <message>
        <source>เขต %1</source>
        <translation>Zone %1</translation>
    </message>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>ขอบเขต</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>คำนวณใหม่</source>
        <translation>Recalculate</translation>
    </message>
    <message>
        <source>เปรียบเทียบที่เลือก</source>
        <translation>Compare selected</translation>
    </message>
    <message>
        <source>ยืนยันผลรอบนี้…</source>
        <translation>Finalise this round…</translation>
    </message>
    <message>
        <source>เปิดรอบนี้อีกครั้ง…</source>
        <translation>Reopen this round…</translation>
    </message>
    <message>
        <source>ยกเลิกการยืนยันผล ปลดล็อกแบบประเมิน (ผู้ดูแลระบบ ต้องระบุเหตุผล)</source>
        <translation>Withdraw the finalised result and unlock the sheets (administrator; a reason is required)</translation>
    </message>
    <message>
        <source>คำอธิบาย</source>
        <translation>Explanation</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>แบบ</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <source>เฉลี่ย</source>
        <translation>Mean</translation>
    </message>
    <message>
        <source>ให้สูง/ต่ำกว่าผู้อื่น</source>
        <translation>Above/below the others</translation>
    </message>
    <message>
        <source>ความสอดคล้องของผู้ประเมิน</source>
        <translation>Inspector agreement</translation>
    </message>
    <message>
        <source>คะแนนเท่ากัน</source>
        <translation>Ties</translation>
    </message>
    <message>
        <source>อันดับ</source>
        <translation>Rank</translation>
    </message>
    <message>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>อำเภอ</source>
        <translation>District</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>คะแนน</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>เหตุผล</source>
        <translation>Reason</translation>
    </message>
    <message>
        <source>ชนะใน %1% ของการสุ่มแบบประเมินซ้ำ</source>
        <translation>Wins in %1% of the resamples of its sheets</translation>
    </message>
    <message>
        <source>ความคลาดเคลื่อนมาตรฐานของคะแนน ±%1</source>
        <translation>Standard error of the score ±%1</translation>
    </message>
    <message>
        <source>อยู่ในช่วงเส้นตัด: ผลอาจเปลี่ยนได้หากได้แบบประเมินต่างไป</source>
        <translation>In the cutoff band: the outcome could change with different sheets</translation>
    </message>
    <message>
        <source>ส่วนต่าง</source>
        <translation>Margin</translation>
    </message>
    <message>
        <source>ผู้ได้รับรางวัล: คะแนนเหนือตำบลแรกที่ไม่ได้รางวัล; ตำบลอื่น: คะแนนห่างจากผู้ได้รางวัลคนสุดท้าย</source>
        <translation>Winners: points above the first tambon without a prize; the others: points behind the last winner</translation>
    </message>
    <message>
        <source>ความมั่นใจ</source>
        <translation>Confidence</translation>
    </message>
    <message>
        <source>สัดส่วนของการสุ่มแบบประเมินซ้ำ 1,000 ครั้ง (ในแต่ละตำบล) ที่ตำบลนี้ได้รับรางวัล</source>
        <translation>Share of 1,000 resamples of the sheets (within each tambon) in which this tambon wins a prize</translation>
    </message>
    <message>
        <source>กำลังคำนวณ…</source>
        <translation>Calculating…</translation>
    </message>
    <message>
        <source>จัดอันดับไม่ได้</source>
        <translation>Cannot rank</translation>
    </message>
    <message>
        <source>%1 ตำบลต่อเขต</source>
        <translation>%1 tambons per zone</translation>
    </message>
    <message>
        <source>%1 ตำบลทั้งประเทศ</source>
        <translation>%1 tambons nationally</translation>
    </message>
    <message>
        <source>%1 · รางวัล %2 บาท · โควตา %3 · วิธีรวมคะแนน %4 · ได้รับรางวัล %5 · เท่ากัน %6</source>
        <translation>%1 · prize %2 baht · quota %3 · aggregation %4 · winners %5 · ties %6</translation>
    </message>
    <message>
        <source>ยืนยันผลแล้วโดย %1 · SHA-256 %2</source>
        <translation>Finalised by %1 · SHA-256 %2</translation>
    </message>
    <message>
        <source>ช่วงเส้นตัด (ความมั่นใจ 5–95% จากการสุ่มแบบประเมินซ้ำ %1 ครั้ง): %2 ตำบล</source>
        <translation>Cutoff band (confidence 5–95% over %1 resamples): %2 tambons</translation>
    </message>
    <message>
        <source>ตำบลที่ผู้ประเมินให้คะแนนต่างกันเกิน %1 คะแนน: %2 ตำบล</source>
        <translation>Tambons whose inspectors differ by more than %1 points: %2</translation>
    </message>
    <message>
        <source>คะแนนเท่ากัน (%1)</source>
        <translation>Ties (%1)</translation>
    </message>
    <message>
        <source>เลือกตำบลในตารางเพื่อดูคำอธิบายอันดับ</source>
        <translation>Select a tambon in the table to see why it ranks where it does</translation>
    </message>
    <message>
        <source>ยืนยันผลรอบการประกวด</source>
        <translation>Finalise the round</translation>
    </message>
    <message>
        <source>ยืนยันผลรอบ “%1” หรือไม่?
เมื่อยืนยันแล้ว แบบประเมินของรอบนี้จะถูกล็อก แก้ไขไม่ได้อีก
ได้รับรางวัล %2 ตำบล · คะแนนเท่ากัน %3 ตำบล</source>
        <translation>Finalise the round “%1”?
Once finalised, the sheets of this round are locked and cannot change.
Winners: %2 tambons · ties: %3 tambons</translation>
    </message>
    <message>
        <source>ยืนยันผลไม่ได้</source>
        <translation>Cannot finalise</translation>
    </message>
    <message>
        <source>เปิดรอบอีกครั้งไม่ได้</source>
        <translation>Cannot reopen the round</translation>
    </message>
    <message>
        <source>เปิดรอบอีกครั้งแล้ว</source>
        <translation>Round reopened</translation>
    </message>
    <message>
        <source>เปิดรอบ %1 อีกครั้งแล้ว ปลดล็อกแบบประเมิน %2 แบบ
เหตุผลบันทึกไว้ในบันทึกการเปลี่ยนแปลง</source>
        <translation>Round %1 reopened, %2 sheets unlocked
The reason is kept in the audit log</translation>
    </message>
    <message>
        <source>ยืนยันผลแล้ว</source>
        <translation>Finalised</translation>
    </message>
    <message>
        <source>ยืนยันผลรอบ %1 แล้ว ล็อกแบบประเมิน %2 แบบ
SHA-256 %3</source>
        <translation>Round %1 finalised; %2 sheets locked
SHA-256 %3</translation>
    </message>
</context>
<context>
    <name>RegisterKeyDialog</name>
    <message>
        <source>ลงทะเบียนกุญแจผู้ประเมิน</source>
        <translation>Register an inspector&apos;s key</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>ขณะนี้</source>
        <translation>Now</translation>
    </message>
    <message>
        <source>จากไฟล์กุญแจสาธารณะที่ผู้ประเมินส่งมา</source>
        <translation>From the public-key file the inspector sent</translation>
    </message>
    <message>
        <source>จากลายนิ้วมือที่ผู้ประเมินอ่านให้ฟัง</source>
        <translation>From the fingerprint the inspector read to you</translation>
    </message>
    <message>
        <source>เลือกไฟล์…</source>
        <translation>Choose file…</translation>
    </message>
    <message>
        <source>ไฟล์</source>
        <translation>File</translation>
    </message>
    <message>
        <source>ลายนิ้วมือ</source>
        <translation>Fingerprint</translation>
    </message>
    <message>
        <source>ลงทะเบียนด้วยลายนิ้วมือ: ระบบรับกุญแจจากแพ็กเกจแรกของผู้ประเมินเมื่อลายนิ้วมือตรงกันเท่านั้น</source>
        <translation>By fingerprint: the key is taken from the inspector&apos;s first package, and only when its fingerprint matches</translation>
    </message>
    <message>
        <source>แทนกุญแจที่ลงทะเบียนไว้เดิม</source>
        <translation>Replace the key registered before</translation>
    </message>
    <message>
        <source>ลงทะเบียน</source>
        <translation>Register</translation>
    </message>
    <message>
        <source>ไม่พบผู้ประเมินชื่อนี้</source>
        <translation>No inspector of this name</translation>
    </message>
    <message>
        <source>กุญแจสาธารณะ (*.pem *.pub *.txt);;ทุกไฟล์ (*)</source>
        <translation>Public key (*.pem *.pub *.txt);;All files (*)</translation>
    </message>
    <message>
        <source>ลงทะเบียนกุญแจของ %1 แล้ว ลายนิ้วมือ %2</source>
        <translation>Key of %1 registered: fingerprint %2</translation>
    </message>
</context>
<context>
    <name>ReopenRoundDialog</name>
    <message>
        <source>เปิดรอบที่ยืนยันผลแล้วอีกครั้ง</source>
        <translation>Reopen a finalised round</translation>
    </message>
    <message>
        <source>การเปิดรอบ “%1” อีกครั้งจะ:
• ปลดล็อกแบบประเมินของรอบนี้ (กลับเป็น “ส่งแล้ว” แก้ไขได้เมื่อเปิดกลับเป็นร่าง)
• ยกเลิกผลที่ยืนยันไว้ (SHA-256 %2…) ผลเดิมยังอยู่ในบันทึกการเปลี่ยนแปลง
• ทำให้เกียรติบัตรที่ออกจากผลนี้แสดงว่าถูกเพิกถอนเมื่อตรวจสอบ จนกว่าจะยืนยันผลใหม่และออกเกียรติบัตรใหม่</source>
        <translation>Reopening round “%1” will:
• unlock its sheets (back to “submitted”; editable once reopened as drafts)
• withdraw the finalised result (SHA-256 %2…); the old result stays in the audit log
• make the certificates issued from this result show as withdrawn when checked, until the round is finalised again and new certificates issued</translation>
    </message>
    <message>
        <source>เหตุผลที่เปิดรอบอีกครั้ง (จำเป็น บันทึกไว้ในบันทึกการเปลี่ยนแปลง)</source>
        <translation>Why the round is reopened (required; kept in the audit log)</translation>
    </message>
    <message>
        <source>เช่น คณะกรรมการพบคะแนนที่บันทึกผิดของตำบล…</source>
        <translation>e.g. the committee found a wrongly entered score of tambon…</translation>
    </message>
    <message>
        <source>เปิดรอบอีกครั้ง…</source>
        <translation>Reopen the round…</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>ยืนยันการเปิดรอบอีกครั้ง</source>
        <translation>Confirm reopening the round</translation>
    </message>
    <message>
        <source>เปิดรอบ “%1” อีกครั้งหรือไม่? ผลที่ยืนยันไว้จะถูกยกเลิก</source>
        <translation>Reopen round “%1”? Its finalised result will be withdrawn</translation>
    </message>
    <message>
        <source>เหตุผล: %1</source>
        <translation>Reason: %1</translation>
    </message>
    <message>
        <source>เปิดรอบอีกครั้ง</source>
        <translation>Reopen the round</translation>
    </message>
</context>
<context>
    <name>Roles</name>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>คณะกรรมการ</source>
        <translation>Committee</translation>
    </message>
    <message>
        <source>ผู้ดูแลระบบ</source>
        <translation>Admin</translation>
    </message>
</context>
<context>
    <name>ScoreSpinBox</name>
    <message>
        <source>คะแนนต้องอยู่ระหว่าง 0 ถึง %1: “%2” ยังไม่ได้บันทึก แก้ตัวเลขให้ถูก</source>
        <translation>A score must be between 0 and %1: “%2” is not saved; correct the number</translation>
    </message>
</context>
<context>
    <name>ScoringView</name>
    <message>
        <source>ค้นหาตำบลหรือผู้ประเมิน</source>
        <translation>Search tambon or inspector</translation>
    </message>
    <message>
        <source>เฉพาะร่าง</source>
        <translation>Drafts only</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>ครบ</source>
        <translation>Scored</translation>
    </message>
    <message>
        <source>รวม</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>โหลดแบบประเมินไม่ได้</source>
        <translation>Cannot load the sheets</translation>
    </message>
    <message>
        <source>%1 จาก %2 แบบ</source>
        <translation>%1 of %2 sheets</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>ตั้งค่า</source>
        <translation>Settings</translation>
    </message>
    <message>
        <source>ทั่วไป</source>
        <translation>General</translation>
    </message>
    <message>
        <source>ภาษา</source>
        <translation>Language</translation>
    </message>
    <message>
        <source>เลือก…</source>
        <translation>Choose…</translation>
    </message>
    <message>
        <source>ฐานข้อมูล</source>
        <translation>Database</translation>
    </message>
    <message>
        <source>ไฟล์ SQLite หรือ URL ของ PostgreSQL ว่างไว้เพื่อใช้ค่าเริ่มต้น มีผลเมื่อเปิดโปรแกรมครั้งถัดไป (ตัวเลือก --db ในบรรทัดคำสั่งมาก่อนเสมอ)</source>
        <translation>An SQLite file or a PostgreSQL URL; leave empty for the default. Takes effect the next time the program starts (--db on the command line always wins).</translation>
    </message>
    <message>
        <source>ผู้ลงนามในเกียรติบัตร</source>
        <translation>Certificate signatory</translation>
    </message>
    <message>
        <source>เช่น อธิบดีกรมการพัฒนาชุมชน</source>
        <translation>e.g. Director-General of the Community Development Department</translation>
    </message>
    <message>
        <source>ชื่อ-นามสกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>ตำแหน่ง</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>(ไม่มีลายมือชื่อ)</source>
        <translation>(no signature)</translation>
    </message>
    <message>
        <source>เลือกไฟล์ลายมือชื่อ (PNG)…</source>
        <translation>Choose signature file (PNG)…</translation>
    </message>
    <message>
        <source>ลายมือชื่อ</source>
        <translation>Signature</translation>
    </message>
    <message>
        <source>เฉพาะผู้ดูแลระบบแก้ไขผู้ลงนามได้</source>
        <translation>Only an admin may change the signatory</translation>
    </message>
    <message>
        <source>บันทึก</source>
        <translation>Save</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>กุญแจลงนามเกียรติบัตร (PAdES)</source>
        <translation>Certificate signing key (PAdES)</translation>
    </message>
    <message>
        <source>เลิกใช้กุญแจของกรม</source>
        <translation>Stop using the department&apos;s key</translation>
    </message>
    <message>
        <source>ใช้อยู่</source>
        <translation>In use</translation>
    </message>
    <message>
        <source>ไฟล์ .p12 / .pfx ของกรม</source>
        <translation>The department&apos;s .p12 / .pfx file</translation>
    </message>
    <message>
        <source>นำเข้า PKCS#12</source>
        <translation>Import PKCS#12</translation>
    </message>
    <message>
        <source>ตรวจ</source>
        <translation>Check</translation>
    </message>
    <message>
        <source>ติดตั้ง</source>
        <translation>Install</translation>
    </message>
    <message>
        <source>รหัสผ่าน</source>
        <translation>Passphrase</translation>
    </message>
    <message>
        <source>เก็บสำเนาไฟล์ไว้ข้างฐานข้อมูล (อ่านได้เฉพาะเจ้าของ) ไม่เก็บรหัสผ่าน จะถามรหัสผ่านทุกครั้งที่ออกเกียรติบัตร</source>
        <translation>A copy of the file is kept beside the database (readable by its owner only); the passphrase is not kept and is asked each time certificates are issued</translation>
    </message>
    <message>
        <source>เฉพาะผู้ดูแลระบบนำเข้าหรือลบกุญแจลงนามได้</source>
        <translation>Only an administrator may import or remove the signing key</translation>
    </message>
    <message>
        <source>ป้องกันด้วยรหัสผ่านของไฟล์ PKCS#12 (ถามทุกครั้งที่ออกเกียรติบัตร ไม่เก็บไว้)</source>
        <translation>Protected by the PKCS#12 file&apos;s passphrase (asked each time certificates are issued, never kept)</translation>
    </message>
    <message>
        <source>ป้องกันด้วยรหัสผ่าน: กุญแจเข้ารหัสไว้ (PKCS#8) ระบบไม่เก็บรหัสผ่าน</source>
        <translation>Protected by a passphrase: the key is encrypted (PKCS#8); the passphrase is not kept</translation>
    </message>
    <message>
        <source>ยังไม่เข้ารหัส: จะเข้ารหัสด้วยรหัสผ่านเมื่อออกเกียรติบัตรครั้งต่อไป</source>
        <translation>Not encrypted yet: it will be encrypted with a passphrase when certificates are next issued</translation>
    </message>
    <message>
        <source>จะเข้ารหัสด้วยรหัสผ่านที่ตั้งเมื่อออกเกียรติบัตรครั้งแรก</source>
        <translation>It will be encrypted with the passphrase set when certificates are first issued</translation>
    </message>
    <message>
        <source>กุญแจของกรม (PKCS#12)</source>
        <translation>The department&apos;s key (PKCS#12)</translation>
    </message>
    <message>
        <source>กุญแจที่ระบบสร้างเอง (self-signed)</source>
        <translation>A key made by this installation (self-signed)</translation>
    </message>
    <message>
        <source> — จะสร้างเมื่อออกเกียรติบัตรครั้งแรก</source>
        <translation> — made when certificates are first issued</translation>
    </message>
    <message>
        <source>ผู้ออก %1 · ใช้ได้ถึง %2 · SHA-256 %3…</source>
        <translation>Issuer %1 · valid until %2 · SHA-256 %3…</translation>
    </message>
    <message>
        <source>ผู้ถือ: %1</source>
        <translation>Holder: %1</translation>
    </message>
    <message>
        <source>ผู้ออก: %1</source>
        <translation>Issuer: %1</translation>
    </message>
    <message>
        <source>ใช้ได้: %1 ถึง %2</source>
        <translation>Valid: %1 to %2</translation>
    </message>
    <message>
        <source>SHA-256: %1</source>
        <translation>SHA-256: %1</translation>
    </message>
    <message>
        <source>เลือกไฟล์กุญแจของกรม</source>
        <translation>Choose the department&apos;s key file</translation>
    </message>
    <message>
        <source>PKCS#12 (*.p12 *.pfx);;ทุกไฟล์ (*)</source>
        <translation>PKCS#12 (*.p12 *.pfx);;All files (*)</translation>
    </message>
    <message>
        <source>ยังไม่ได้เลือกไฟล์</source>
        <translation>No file chosen</translation>
    </message>
    <message>
        <source>ใช้ไฟล์นี้ไม่ได้: รหัสผ่านผิดหรือไฟล์เสีย</source>
        <translation>This file cannot be used: a wrong passphrase or a damaged file</translation>
    </message>
    <message>
        <source>ติดตั้งกุญแจไม่ได้</source>
        <translation>Cannot install the key</translation>
    </message>
    <message>
        <source>ติดตั้งแล้ว: เกียรติบัตรจะลงนามด้วยกุญแจนี้ (%1)</source>
        <translation>Installed: certificates will be signed with this key (%1)</translation>
    </message>
    <message>
        <source>ลบสำเนาไฟล์กุญแจของกรมออกจากเครื่องนี้ แล้วกลับไปลงนามด้วยกุญแจที่ระบบสร้างเอง?</source>
        <translation>Remove the copy of the department&apos;s key file from this computer and go back to signing with the key this installation made?</translation>
    </message>
    <message>
        <source>ลบกุญแจไม่ได้</source>
        <translation>Cannot remove the key</translation>
    </message>
    <message>
        <source>ลบกุญแจของกรมแล้ว</source>
        <translation>The department&apos;s key was removed</translation>
    </message>
    <message>
        <source>เลือกไฟล์ฐานข้อมูล</source>
        <translation>Choose the database file</translation>
    </message>
    <message>
        <source>ฐานข้อมูล SQLite (*.sqlite3 *.db);;ทุกไฟล์ (*)</source>
        <translation>SQLite database (*.sqlite3 *.db);;All files (*)</translation>
    </message>
    <message>
        <source>เลือกไฟล์ลายมือชื่อ</source>
        <translation>Choose the signature file</translation>
    </message>
    <message>
        <source>บันทึกผู้ลงนามไม่ได้</source>
        <translation>Cannot save the signatory</translation>
    </message>
    <message>
        <source>ยังไม่มีไฟล์แปลภาษา</source>
        <translation>No translation file</translation>
    </message>
    <message>
        <source>ยังไม่ได้สร้างไฟล์แปลภาษา (.qm) ให้รัน make translations</source>
        <translation>The translation (.qm) has not been built: run make translations</translation>
    </message>
</context>
<context>
    <name>SetupTab</name>
    <message>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>นำเข้าจากไฟล์…</source>
        <translation>Import from a file…</translation>
    </message>
    <message>
        <source>ดาวน์โหลดแบบฟอร์ม…</source>
        <translation>Save the template…</translation>
    </message>
    <message>
        <source>ทุกเขต</source>
        <translation>All zones</translation>
    </message>
    <message>
        <source>ทุกจังหวัด</source>
        <translation>All provinces</translation>
    </message>
    <message>
        <source>เขต %1</source>
        <translation>Zone %1</translation>
    </message>
    <message>
        <source>%1 จาก %2 รายการ</source>
        <translation>%1 of %2</translation>
    </message>
    <message>
        <source>บันทึกแบบฟอร์ม</source>
        <translation>Save the template</translation>
    </message>
</context>
<context>
    <name>SetupView</name>
    <message>
        <source>ชื่อ-สกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>ตำแหน่ง</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>ภูมิลำเนา</source>
        <translation>Home province</translation>
    </message>
    <message>
        <source>ไม่มีจังหวัดภูมิลำเนา ตรวจผลประโยชน์ทับซ้อนไม่ได้</source>
        <translation>No home province: conflicts of interest cannot be checked</translation>
    </message>
    <message>
        <source>โทรศัพท์</source>
        <translation>Telephone</translation>
    </message>
    <message>
        <source>อีเมล</source>
        <translation>Email</translation>
    </message>
    <message>
        <source>กุญแจ</source>
        <translation>Key</translation>
    </message>
    <message>
        <source>มี</source>
        <translation>Yes</translation>
    </message>
    <message>
        <source>ยังไม่มี</source>
        <translation>Not yet</translation>
    </message>
    <message>
        <source>ตำบลที่มอบหมาย</source>
        <translation>Assigned tambons</translation>
    </message>
    <message>
        <source>บัญชีผู้ใช้</source>
        <translation>User account</translation>
    </message>
    <message>
        <source>ค้นหาชื่อ ตำแหน่ง จังหวัด โทรศัพท์ อีเมล</source>
        <translation>Search name, position, province, telephone, email</translation>
    </message>
    <message>
        <source>รหัส</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>อำเภอ</source>
        <translation>District</translation>
    </message>
    <message>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>ผลประโยชน์ทับซ้อน</source>
        <translation>Conflict of interest</translation>
    </message>
    <message>
        <source>ผู้ประเมินมีภูมิลำเนาในจังหวัดเดียวกับตำบล</source>
        <translation>The inspector&apos;s home province is the tambon&apos;s province</translation>
    </message>
    <message>
        <source>ต่างเขต</source>
        <translation>Other zone</translation>
    </message>
    <message>
        <source>รายชื่อผู้ประเมิน</source>
        <translation>Inspectors</translation>
    </message>
    <message>
        <source>ค้นหาตำบล อำเภอ จังหวัด รหัส หรือชื่อผู้ประเมิน</source>
        <translation>Search tambon, district, province, code or inspector&apos;s name</translation>
    </message>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>ชื่อ-นามสกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>ตำแหน่ง/บทบาท</source>
        <translation>Position/role</translation>
    </message>
    <message>
        <source>หมู่บ้าน</source>
        <translation>Village</translation>
    </message>
    <message>
        <source>รหัสตำบล</source>
        <translation>Tambon code</translation>
    </message>
    <message>
        <source>พิมพ์เพื่อค้นหาผู้นำ: ชื่อ ตำแหน่ง หมู่บ้าน ตำบล อำเภอ จังหวัด</source>
        <translation>Type to search leaders: name, position, village, tambon, district, province</translation>
    </message>
    <message>
        <source>แก้ไขผู้นำของตำบลนี้…</source>
        <translation>Edit this tambon&apos;s leaders…</translation>
    </message>
    <message>
        <source>เลือกผู้นำคนใดก็ได้ของตำบลในตาราง แล้วกดปุ่มนี้</source>
        <translation>Select any leader of the tambon in the table, then press this button</translation>
    </message>
    <message>
        <source>พิมพ์เกียรติบัตรผู้นำที่เลือก…</source>
        <translation>Certificates for the selected leaders…</translation>
    </message>
    <message>
        <source>เลือกแถว (Ctrl/Shift เพื่อเลือกหลายแถว) หรือกรองรายการ แล้วกดปุ่มนี้</source>
        <translation>Select rows (Ctrl/Shift for several) or filter the list, then press this button</translation>
    </message>
    <message>
        <source>ถอนผู้ประเมินออกจากตำบลนี้…</source>
        <translation>Remove an inspector from this tambon…</translation>
    </message>
    <message>
        <source>เลือกตำบลในตาราง แล้วเลือกผู้ประเมินที่จะถอนออกในรอบนี้</source>
        <translation>Select a tambon in the table, then the inspector to remove from it in this round</translation>
    </message>
    <message>
        <source>เพิ่มผู้ประเมินให้ตำบลนี้…</source>
        <translation>Add an inspector to this tambon…</translation>
    </message>
    <message>
        <source>ตารางรายเขต…</source>
        <translation>Zone grid…</translation>
    </message>
    <message>
        <source>ตำบล × ผู้ประเมินของเขต ติ๊กเพื่อมอบหมายหรือถอน</source>
        <translation>The zone&apos;s tambons × inspectors: tick to assign or remove</translation>
    </message>
    <message>
        <source>การมอบหมาย</source>
        <translation>Assignments</translation>
    </message>
    <message>
        <source>ผู้นำการเปลี่ยนแปลง</source>
        <translation>Change leaders</translation>
    </message>
    <message>
        <source>กำลังโหลด…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>โหลดข้อมูลไม่ได้</source>
        <translation>Cannot load the data</translation>
    </message>
    <message>
        <source>เลือกผู้นำของตำบลที่จะแก้ไขก่อน</source>
        <translation>First select a leader of the tambon to edit</translation>
    </message>
    <message>
        <source>ไม่มีผู้นำในรายการ</source>
        <translation>No leader in the list</translation>
    </message>
    <message>
        <source>เลือกตำบลที่จะเพิ่มผู้ประเมินก่อน</source>
        <translation>First select the tambon to add an inspector to</translation>
    </message>
    <message>
        <source>เพิ่มการมอบหมายแล้ว — ข้อควรระวัง</source>
        <translation>Assignment added: warnings</translation>
    </message>
    <message>
        <source>เพิ่มการมอบหมายไม่ได้</source>
        <translation>Cannot add the assignment</translation>
    </message>
    <message>
        <source>มอบหมายตำบล%1 ให้ผู้ประเมินคนใดในรอบนี้?</source>
        <translation>Assign tambon %1 to which inspector in this round?</translation>
    </message>
    <message>
        <source>ถอนการมอบหมาย</source>
        <translation>Remove the assignment</translation>
    </message>
    <message>
        <source>ถอนผู้ประเมินคนใดออกจากตำบล%1 ในรอบนี้?</source>
        <translation>Which inspector to remove from tambon %1 in this round?</translation>
    </message>
    <message>
        <source>เพิ่มการมอบหมาย</source>
        <translation>Add an assignment</translation>
    </message>
    <message>
        <source>เลือกตำบลที่จะถอนการมอบหมายก่อน</source>
        <translation>First select the tambon whose assignment to remove</translation>
    </message>
    <message>
        <source>ตำบลนี้ยังไม่มีผู้ประเมินในรอบนี้</source>
        <translation>This tambon has no inspector in this round yet</translation>
    </message>
    <message>
        <source>ถอนการมอบหมายไม่ได้</source>
        <translation>Cannot remove the assignment</translation>
    </message>
    <message>
        <source>บันทึกแบบฟอร์มแล้ว: %1</source>
        <translation>Template saved: %1</translation>
    </message>
    <message>
        <source>บันทึกแบบฟอร์มไม่ได้</source>
        <translation>Cannot save the template</translation>
    </message>
</context>
<context>
    <name>SheetForm</name>
    <message>
        <source>ให้คะแนน %1</source>
        <translation>Score %1</translation>
    </message>
    <message>
        <source>แก้หมายเหตุ</source>
        <translation>Edit note</translation>
    </message>
    <message>
        <source>เพิ่มรูป %1</source>
        <translation>Add photo %1</translation>
    </message>
    <message>
        <source>ลบรูป %1</source>
        <translation>Remove photo %1</translation>
    </message>
    <message>
        <source>ยังไม่ได้เลือกแบบประเมิน</source>
        <translation>No sheet chosen</translation>
    </message>
    <message>
        <source>เลิกทำ</source>
        <translation>Undo</translation>
    </message>
    <message>
        <source>ทำซ้ำ</source>
        <translation>Redo</translation>
    </message>
    <message>
        <source>หมายเหตุของแบบประเมิน</source>
        <translation>Sheet notes</translation>
    </message>
    <message>
        <source>ข้อสังเกตทั่วไปจากการลงพื้นที่</source>
        <translation>General observations from the site visit</translation>
    </message>
    <message>
        <source>รูปภาพหลักฐาน (ลากไฟล์รูปมาวางได้)</source>
        <translation>Photo evidence (drop image files here)</translation>
    </message>
    <message>
        <source>เพิ่มรูป…</source>
        <translation>Add photo…</translation>
    </message>
    <message>
        <source>เพิ่มรูปจากไฟล์ (Ctrl+I)</source>
        <translation>Add photos from files (Ctrl+I)</translation>
    </message>
    <message>
        <source>ลบรูปที่เลือก</source>
        <translation>Remove selected photo</translation>
    </message>
    <message>
        <source>ส่งแบบประเมิน</source>
        <translation>Submit sheet</translation>
    </message>
    <message>
        <source>ตรวจว่าให้คะแนนครบทุกเกณฑ์แล้วส่ง (Ctrl+Enter)</source>
        <translation>Check that every criterion is scored, then submit (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>เปิดกลับเป็นร่าง</source>
        <translation>Reopen as draft</translation>
    </message>
    <message>
        <source>เปิดแบบประเมินไม่ได้</source>
        <translation>Cannot open the sheet</translation>
    </message>
    <message>
        <source>เลือกแบบประเมินจากรายการด้านซ้าย</source>
        <translation>Choose a sheet from the list on the left</translation>
    </message>
    <message>
        <source>ตำบล%1 อำเภอ%2 จังหวัด%3</source>
        <translation>%1, %2 district, %3</translation>
    </message>
    <message>
        <source>%1 · ผู้ประเมิน %2 · เขต %3 · รหัส %4</source>
        <translation>%1 · inspector %2 · zone %3 · code %4</translation>
    </message>
    <message>
        <source>สถานะ: %1 · ให้คะแนนแล้ว %2/%3 เกณฑ์ · คะแนนรวม %4</source>
        <translation>Status: %1 · scored %2/%3 criteria · total %4</translation>
    </message>
    <message>
        <source>รอบนี้ยืนยันผลแล้ว แบบประเมินถูกล็อก ดูได้อย่างเดียว</source>
        <translation>This round is finalised: the sheet is locked and read-only</translation>
    </message>
    <message>
        <source>แบบประเมินนี้ส่งแล้ว หากต้องแก้ไข กด “เปิดกลับเป็นร่าง”</source>
        <translation>This sheet is submitted; to change it, press “Reopen as draft”</translation>
    </message>
    <message>
        <source>ท่านดูแบบประเมินนี้ได้ แต่แก้ไขได้เฉพาะผู้ประเมินเจ้าของแบบ</source>
        <translation>You may read this sheet; only its inspector may change it</translation>
    </message>
    <message>
        <source>บันทึกอัตโนมัติแล้ว · ฉบับที่ %1</source>
        <translation>Saved automatically · version %1</translation>
    </message>
    <message>
        <source>บันทึกไม่ได้</source>
        <translation>Cannot save</translation>
    </message>
    <message>
        <source>รูปภาพหลักฐาน (%1) — ลากไฟล์รูปมาวางได้</source>
        <translation>Photo evidence (%1) — drop image files here</translation>
    </message>
    <message>
        <source>เลือกรูปภาพ</source>
        <translation>Choose photos</translation>
    </message>
    <message>
        <source>รูปภาพ (*.jpg *.jpeg *.png *.gif *.webp)</source>
        <translation>Images (*.jpg *.jpeg *.png *.gif *.webp)</translation>
    </message>
    <message>
        <source>อ่านไฟล์ไม่ได้</source>
        <translation>Cannot read the file</translation>
    </message>
    <message>
        <source>เปิดรูปไม่ได้</source>
        <translation>Cannot open the photo</translation>
    </message>
    <message>
        <source>ยังส่งไม่ได้</source>
        <translation>Cannot submit yet</translation>
    </message>
    <message>
        <source>ยังไม่ได้ให้คะแนน %1 เกณฑ์:</source>
        <translation>%1 criteria have no score:</translation>
    </message>
    <message>
        <source>ส่งไม่ได้</source>
        <translation>Cannot submit</translation>
    </message>
    <message>
        <source>เปิดกลับเป็นร่างไม่ได้</source>
        <translation>Cannot reopen</translation>
    </message>
</context>
<context>
    <name>SheetStatus</name>
    <message>
        <source>ร่าง</source>
        <translation>Draft</translation>
    </message>
    <message>
        <source>ส่งแล้ว</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>ปิดผลแล้ว</source>
        <translation>Locked</translation>
    </message>
</context>
<context>
    <name>SigningSecrets</name>
    <message>
        <source>รหัสผ่านของกุญแจลงนาม</source>
        <translation>Signing key passphrase</translation>
    </message>
    <message>
        <source>รหัสผ่านของกุญแจลงนามของกรม (PKCS#12) สำหรับเกียรติบัตรชุดนี้</source>
        <translation>The passphrase of the department&apos;s signing key (PKCS#12) for this batch of certificates</translation>
    </message>
    <message>
        <source>รหัสผ่านของกุญแจลงนามของเครื่องนี้</source>
        <translation>The passphrase of this installation&apos;s signing key</translation>
    </message>
    <message>
        <source>ตั้งรหัสผ่านของกุญแจลงนามของเครื่องนี้ (อย่างน้อย ๘ ตัวอักษร)</source>
        <translation>Set a passphrase for this installation&apos;s signing key (at least 8 characters)</translation>
    </message>
    <message>
        <source>พิมพ์รหัสผ่านอีกครั้ง</source>
        <translation>Type the passphrase again</translation>
    </message>
    <message>
        <source>รหัสผ่านของกุญแจบันทึกตรวจสอบ</source>
        <translation>Audit log key passphrase</translation>
    </message>
    <message>
        <source>รหัสผ่านของกุญแจบันทึกตรวจสอบของเครื่องนี้
(ใช้ลงนามจุดตรวจสอบของบันทึกการแก้ไขเมื่อยืนยันผลและเมื่อส่งออก)</source>
        <translation>The passphrase of this installation&apos;s audit log key
(it signs the audit log&apos;s checkpoints when a round is finalised and at each export)</translation>
    </message>
    <message>
        <source>ตั้งรหัสผ่านของกุญแจบันทึกตรวจสอบของเครื่องนี้ (อย่างน้อย ๘ ตัวอักษร)
ต้องใช้ทุกครั้งที่ยืนยันผลหรือส่งออก จดไว้ในที่ปลอดภัย</source>
        <translation>Set a passphrase for this installation&apos;s audit log key (at least 8 characters)
It is needed each time a round is finalised or data exported: keep it somewhere safe</translation>
    </message>
</context>
<context>
    <name>Spoken</name>
    <message>
        <source>ศูนย์</source>
        <translation>zero</translation>
    </message>
    <message>
        <source>หนึ่ง</source>
        <translation>one</translation>
    </message>
    <message>
        <source>สอง</source>
        <translation>two</translation>
    </message>
    <message>
        <source>สาม</source>
        <translation>three</translation>
    </message>
    <message>
        <source>สี่</source>
        <translation>four</translation>
    </message>
    <message>
        <source>ห้า</source>
        <translation>five</translation>
    </message>
    <message>
        <source>หก</source>
        <translation>six</translation>
    </message>
    <message>
        <source>เจ็ด</source>
        <translation>seven</translation>
    </message>
    <message>
        <source>แปด</source>
        <translation>eight</translation>
    </message>
    <message>
        <source>เก้า</source>
        <translation>nine</translation>
    </message>
    <message>
        <source>เอ</source>
        <translation>A</translation>
    </message>
    <message>
        <source>บี</source>
        <translation>B</translation>
    </message>
    <message>
        <source>ซี</source>
        <translation>C</translation>
    </message>
    <message>
        <source>ดี</source>
        <translation>D</translation>
    </message>
    <message>
        <source>อี</source>
        <translation>E</translation>
    </message>
    <message>
        <source>เอฟ</source>
        <translation>F</translation>
    </message>
</context>
<context>
    <name>TambonDetailPane</name>
    <message>
        <source>เลือกตำบลจากตารางเพื่อดูรายละเอียด</source>
        <translation>Select a tambon in the table to see its details</translation>
    </message>
    <message>
        <source>ผู้นำการเปลี่ยนแปลง</source>
        <translation>Change leaders</translation>
    </message>
    <message>
        <source>ที่</source>
        <translation>No.</translation>
    </message>
    <message>
        <source>ชื่อ-นามสกุล</source>
        <translation>Full name</translation>
    </message>
    <message>
        <source>ตำแหน่ง</source>
        <translation>Position</translation>
    </message>
    <message>
        <source>แบบประเมิน</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>ผู้ประเมิน</source>
        <translation>Inspector</translation>
    </message>
    <message>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>ให้คะแนน</source>
        <translation>Scored</translation>
    </message>
    <message>
        <source>คะแนนรวม</source>
        <translation>Total</translation>
    </message>
    <message>
        <source>ดับเบิลคลิกหรือกด Enter เพื่อเปิดแบบประเมิน</source>
        <translation>Double-click or press Enter to open the sheet</translation>
    </message>
    <message>
        <source>รูปภาพ</source>
        <translation>Photos</translation>
    </message>
    <message>
        <source>ตำบล%1</source>
        <translation>Tambon %1</translation>
    </message>
    <message>
        <source>อำเภอ%1 จังหวัด%2</source>
        <translation>%1 district, %2 province</translation>
    </message>
    <message>
        <source>เขตตรวจราชการที่ %1 · รหัสตำบล %2</source>
        <translation>Inspection zone %1 · tambon code %2</translation>
    </message>
    <message>
        <source>หมู่บ้านเป้าหมาย: %1</source>
        <translation>Focus village: %1</translation>
    </message>
    <message>
        <source>จำนวนหมู่บ้าน %1 หมู่บ้าน</source>
        <translation>%1 villages</translation>
    </message>
    <message>
        <source>ผู้นำการเปลี่ยนแปลง (%1 คน)</source>
        <translation>Change leaders (%1)</translation>
    </message>
    <message>
        <source>รูปภาพ (%1)</source>
        <translation>Photos (%1)</translation>
    </message>
</context>
<context>
    <name>TambonPhotos</name>
    <message>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
</context>
<context>
    <name>TambonTableModel</name>
    <message>
        <source>ยังไม่มีแบบประเมิน</source>
        <translation>No sheet yet</translation>
    </message>
    <message>
        <source>กำลังประเมิน</source>
        <translation>In progress</translation>
    </message>
    <message>
        <source>ส่งแล้ว</source>
        <translation>Submitted</translation>
    </message>
    <message>
        <source>ปิดผลแล้ว</source>
        <translation>Locked</translation>
    </message>
    <message>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>อำเภอ</source>
        <translation>District</translation>
    </message>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>รหัส</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>แบบประเมิน</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <source>ส่งแล้ว %1 จาก %2 แบบ</source>
        <translation>%1 of %2 sheets submitted</translation>
    </message>
    <message>
        <source>คะแนนเฉลี่ย</source>
        <translation>Mean score</translation>
    </message>
    <message>
        <source>ค่าเฉลี่ยคะแนนรวมของแบบประเมินที่ส่งครบทุกเกณฑ์</source>
        <translation>Mean total of the submitted, complete sheets</translation>
    </message>
</context>
<context>
    <name>TambonsView</name>
    <message>
        <source>ค้นหาตำบล อำเภอ จังหวัด หรือรหัส (ไทย/อังกฤษ) — Ctrl+F</source>
        <translation>Search tambon, district, province or code (Thai/English) — Ctrl+F</translation>
    </message>
    <message>
        <source>รอบ</source>
        <translation>Round</translation>
    </message>
    <message>
        <source>เขต</source>
        <translation>Zone</translation>
    </message>
    <message>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>สถานะ</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>ประเมินตำบลนี้</source>
        <translation>Score this tambon</translation>
    </message>
    <message>
        <source>เปิดแบบประเมินของท่านสำหรับตำบลที่เลือก</source>
        <translation>Open your sheet for the selected tambon</translation>
    </message>
    <message>
        <source>เปรียบเทียบตำบลที่เลือก</source>
        <translation>Compare selected tambons</translation>
    </message>
    <message>
        <source>เลือก 2–4 ตำบล (Ctrl+คลิก) แล้วกดปุ่มนี้</source>
        <translation>Select 2–4 tambons (Ctrl+click), then press this button</translation>
    </message>
    <message>
        <source>ทุกสถานะ</source>
        <translation>All statuses</translation>
    </message>
    <message>
        <source>ทุกเขต</source>
        <translation>All zones</translation>
    </message>
    <message>
        <source>ทุกจังหวัด</source>
        <translation>All provinces</translation>
    </message>
    <message>
        <source>กำลังโหลด…</source>
        <translation>Loading…</translation>
    </message>
    <message>
        <source>โหลดรายชื่อตำบลไม่ได้</source>
        <translation>Cannot load the tambons</translation>
    </message>
    <message>
        <source>เขต %1</source>
        <translation>Zone %1</translation>
    </message>
    <message>
        <source>แสดง %1 จาก %2 ตำบล</source>
        <translation>Showing %1 of %2 tambons</translation>
    </message>
    <message>
        <source>เปิดรายละเอียดตำบลไม่ได้</source>
        <translation>Cannot open the tambon</translation>
    </message>
    <message>
        <source>เปิดแบบประเมินไม่ได้</source>
        <translation>Cannot open the sheet</translation>
    </message>
</context>
<context>
    <name>TieNotes</name>
    <message>
        <source>ภาพถ่าย %1 รูป…</source>
        <translation>%1 photos…</translation>
    </message>
    <message>
        <source>ยังไม่มีแบบประเมินที่ส่งแล้ว</source>
        <translation>No submitted sheet yet</translation>
    </message>
    <message>
        <source>(ไม่มีหมายเหตุ)</source>
        <translation>(no notes)</translation>
    </message>
    <message>
        <source>ภาพถ่าย: ตำบล%1</source>
        <translation>Photos: tambon %1</translation>
    </message>
</context>
<context>
    <name>TiePanel</name>
    <message>
        <source>ตำบล</source>
        <translation>Tambon</translation>
    </message>
    <message>
        <source>อำเภอ</source>
        <translation>District</translation>
    </message>
    <message>
        <source>จังหวัด</source>
        <translation>Province</translation>
    </message>
    <message>
        <source>รหัส</source>
        <translation>Code</translation>
    </message>
    <message>
        <source>คะแนน</source>
        <translation>Score</translation>
    </message>
    <message>
        <source>แบบ</source>
        <translation>Sheets</translation>
    </message>
    <message>
        <source>เกณฑ์ตัดสิน</source>
        <translation>Tie-break criteria</translation>
    </message>
    <message>
        <source>คำตัดสิน</source>
        <translation>Decision</translation>
    </message>
    <message>
        <source>ได้รับรางวัล</source>
        <translation>Winner</translation>
    </message>
    <message>
        <source>เปรียบเทียบแบบประเมิน</source>
        <translation>Compare the sheets</translation>
    </message>
    <message>
        <source>คะแนน หมายเหตุ และภาพถ่ายของตำบลที่เท่ากัน เทียบกัน</source>
        <translation>The tied tambons&apos; scores, notes and photos side by side</translation>
    </message>
    <message>
        <source>เหตุผลของคณะกรรมการ (บันทึกในประวัติ)</source>
        <translation>The committee&apos;s reason (kept in the audit log)</translation>
    </message>
    <message>
        <source>บันทึกคำตัดสิน</source>
        <translation>Record the decision</translation>
    </message>
    <message>
        <source>เขต %1</source>
        <translation>Zone %1</translation>
    </message>
    <message>
        <source>ทั้งประเทศ</source>
        <translation>Whole country</translation>
    </message>
    <message>
        <source>รอตัดสิน</source>
        <translation>Awaiting decision</translation>
    </message>
    <message>
        <source>ตัดสินแล้ว</source>
        <translation>Decided</translation>
    </message>
    <message>
        <source>%1 · อันดับ %2 · %3 ตำบล เหลือ %4 รางวัล · %5</source>
        <translation>%1 · place %2 · %3 tambons for %4 prizes · %5</translation>
    </message>
    <message>
        <source>ไม่มีคะแนนเท่ากันที่ลำดับตัดรางวัลในรอบนี้</source>
        <translation>No tie at the prize cutoff in this round</translation>
    </message>
    <message>
        <source>คะแนนเท่ากันที่ลำดับตัดรางวัล %1 กลุ่ม รอคณะกรรมการตัดสิน %2 กลุ่ม</source>
        <translation>Ties at the prize cutoff: %1 groups, %2 awaiting the committee&apos;s decision</translation>
    </message>
    <message>
        <source>คำตัดสินเดิม %1 รายการใช้ไม่ได้แล้ว เพราะคะแนนเปลี่ยนจนกลุ่มคะแนนเท่ากันไม่ใช่กลุ่มเดิม</source>
        <translation>%1 earlier decisions no longer apply: the scores changed and the tied group is no longer the same</translation>
    </message>
    <message>
        <source>ตัดสินแล้วโดย %1 เมื่อ %2: %3 ได้รับรางวัล
เหตุผล: %4</source>
        <translation>Decided by %1 on %2: %3 win a prize
Reason: %4</translation>
    </message>
    <message>
        <source>เลือก %1 ตำบลในตาราง แล้วใส่เหตุผล</source>
        <translation>Select %1 tambons in the table, then give the reason</translation>
    </message>
    <message>
        <source>บันทึกคำตัดสินไม่ได้</source>
        <translation>Cannot record the decision</translation>
    </message>
</context>
<context>
    <name>Transfer</name>
    <message>
        <source>แพ็กเกจแบบประเมินจากผู้ประเมิน…</source>
        <translation>Inspector package…</translation>
    </message>
    <message>
        <source>แบบประเมิน Excel ที่ผู้ประเมินกรอกแล้ว…</source>
        <translation>Filled Excel scoresheet…</translation>
    </message>
    <message>
        <source>คะแนน (Excel/CSV)…</source>
        <translation>Scores (Excel/CSV)…</translation>
    </message>
    <message>
        <source>ข้อมูลพื้นที่ (Excel/CSV)…</source>
        <translation>Geography (Excel/CSV)…</translation>
    </message>
    <message>
        <source>เกณฑ์และรอบการประกวด (TOML)…</source>
        <translation>Contest criteria and rounds (TOML)…</translation>
    </message>
    <message>
        <source>รายชื่อผู้ประเมิน (Excel/CSV)…</source>
        <translation>Inspectors (Excel/CSV)…</translation>
    </message>
    <message>
        <source>การมอบหมายตำบลให้ผู้ประเมิน (Excel/CSV)…</source>
        <translation>Tambons assigned to inspectors (Excel/CSV)…</translation>
    </message>
    <message>
        <source>รายชื่อผู้นำการเปลี่ยนแปลง (Excel/CSV)…</source>
        <translation>Change leaders (Excel/CSV)…</translation>
    </message>
    <message>
        <source>บัญชีผู้ใช้ (Excel/CSV)…</source>
        <translation>User accounts (Excel/CSV)…</translation>
    </message>
    <message>
        <source>ส่งออกแพ็กเกจแบบประเมิน…</source>
        <translation>Export sheet package…</translation>
    </message>
    <message>
        <source>ส่งออกแบบประเมิน Excel ให้ผู้ประเมิน…</source>
        <translation>Export Excel scoresheets for inspectors…</translation>
    </message>
    <message>
        <source>แพ็กเกจ (*.cdpkg *.zip)</source>
        <translation>Packages (*.cdpkg *.zip)</translation>
    </message>
    <message>
        <source>ทุกไฟล์ (*)</source>
        <translation>All files (*)</translation>
    </message>
    <message>
        <source>กำลังอ่านและตรวจไฟล์…</source>
        <translation>Reading and checking the file…</translation>
    </message>
    <message>
        <source>การประกวด %1 — %2</source>
        <translation>Contest %1 — %2</translation>
    </message>
    <message>
        <source>เกณฑ์ %1 ข้อ · รอบ %2 รอบ</source>
        <translation>%1 criteria · %2 rounds</translation>
    </message>
    <message>
        <source>เพิ่มบัญชีผู้ใช้ %1 บัญชี</source>
        <translation>%1 user accounts added</translation>
    </message>
    <message>
        <source>ชื่อเข้าระบบ · ชื่อ-สกุล · บทบาท · รหัสผ่านครั้งเดียว</source>
        <translation>Login · full name · role · one-time password</translation>
    </message>
    <message>
        <source>รหัสผ่านเหล่านี้แสดงครั้งเดียว คัดลอกแล้วส่งให้เจ้าของบัญชีทางช่องทางที่ปลอดภัย ผู้ใช้ต้องเปลี่ยนรหัสผ่านเมื่อเข้าระบบครั้งแรก</source>
        <translation>These passwords are shown only once: copy them and send them to the account holders by a safe channel; each user must change the password at the first sign-in</translation>
    </message>
    <message>
        <source>นำเข้า</source>
        <translation>Import</translation>
    </message>
    <message>
        <source>สร้างกุญแจใหม่ %1</source>
        <translation>New key made: %1</translation>
    </message>
</context>
<context>
    <name>TransferDialog</name>
    <message>
        <source>เริ่ม</source>
        <translation>Start</translation>
    </message>
    <message>
        <source>ยกเลิก</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <source>ปิด</source>
        <translation>Close</translation>
    </message>
    <message>
        <source>กำลังทำงาน…</source>
        <translation>Working…</translation>
    </message>
    <message>
        <source>เสร็จแล้ว</source>
        <translation>Done</translation>
    </message>
    <message>
        <source>ข้อควรระวัง:</source>
        <translation>Warnings:</translation>
    </message>
    <message>
        <source>ไฟล์มีปัญหา %1 ข้อ ไม่มีการเปลี่ยนแปลงใด ๆ</source>
        <translation>The file has %1 problems; nothing was changed</translation>
    </message>
    <message>
        <source>ไม่สำเร็จ ไม่มีการเปลี่ยนแปลงใด ๆ</source>
        <translation>Failed; nothing was changed</translation>
    </message>
    <message>
        <source>เกิดข้อผิดพลาด</source>
        <translation>An error occurred</translation>
    </message>
    <message>
        <source>ยกเลิกแล้ว ไม่มีการเปลี่ยนแปลงใด ๆ</source>
        <translation>Cancelled; nothing was changed</translation>
    </message>
    <message>
        <source>กำลังยกเลิก…</source>
        <translation>Cancelling…</translation>
    </message>
</context>
<context>
    <name>Widgets</name>
    <message>
        <source> (ยืนยันผลแล้ว)</source>
        <translation> (finalised)</translation>
    </message>
</context>
</TS>
