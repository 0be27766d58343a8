"""The demo's lessons learned (ถอดบทเรียน): plausible Thai lessons of a food-security programme
for the demo's sheets, and the committee's worth-spreading marks on some of them.

Each tambon gets one or two main practices (household vegetable gardens, a community rice bank,
a seed bank, fish ponds, composting, a community market, poultry, water); each of its inspectors
writes about them in their own words, with the tambon's focus village and plausible figures.
Everything follows from the seed (its own random stream), so one seed gives one database.
Called by :func:`evaluator.demo.populate` before the demo's sheets are sealed.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, timedelta

from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from evaluator.db import models as m

LESSON_SHARE = 0.8  # of the submitted sheets; drafts have lessons half as often
SPREAD_SHARE = 0.12  # of the tambons with lessons: marked worth spreading by the committee


@dataclass(frozen=True)
class _Practice:
    key: str
    good: tuple[str, ...]
    factors: tuple[str, ...]
    obstacles: tuple[str, ...]
    copy: tuple[str, ...]
    results: tuple[str, ...]


# {v}: the focus village; {n}, {k}, {r}, {b}: numbers chosen per sheet ({b}: baht)
PRACTICES: tuple[_Practice, ...] = (
    _Practice(
        "gardens",
        (
            "ทุกครัวเรือนใน{v}ปลูกผักสวนครัวอย่างน้อย {k} ชนิด ทั้งริมรั้ว กระถาง และแปลงหลังบ้าน",
            "ทำรั้วกินได้ตลอดแนวถนนในหมู่บ้าน ปลูกตำลึง ชะอม ผักหวาน ใครผ่านไปเก็บกินได้",
            "ผู้นำการเปลี่ยนแปลงปลูกผักก่อนเป็นตัวอย่าง แล้วชวนเพื่อนบ้านทีละหลังจนครบ {n} ครัวเรือน",
        ),
        (
            "ผู้นำทำก่อนให้เห็นผลจริง ชาวบ้านจึงเชื่อและทำตาม",
            "มีกลุ่มไลน์ของหมู่บ้านไว้อวดแปลงผักและแลกเปลี่ยนพันธุ์ผักกันทุกสัปดาห์",
            "โรงเรียนและวัดร่วมปลูกผัก เด็กนักเรียนนำความรู้กลับไปทำที่บ้าน",
        ),
        (
            "ช่วงหน้าแล้งน้ำไม่พอรดผัก แก้โดยใช้น้ำหยดจากขวดพลาสติกและคลุมดินด้วยฟาง",
            "ผักถูกไก่และสุนัขคุ้ยเขี่ย แก้โดยยกแปลงสูงและทำรั้วไม้ไผ่ร่วมกัน",
            "บางครัวเรือนไม่มีพื้นที่ จึงปลูกในกระถางและยางรถยนต์เก่า",
        ),
        (
            "เริ่มจากผักที่กินทุกวันและปลูกง่าย เช่น ตะไคร้ ข่า พริก กะเพรา แล้วค่อยเพิ่มชนิด",
            "ใช้การประกวดบ้านน่าอยู่ปลูกผักกินเองเป็นแรงจูงใจ มอบรางวัลเล็ก ๆ ทุกเดือน",
        ),
        (
            "ครัวเรือนใน{v}ลดรายจ่ายค่าผักได้เฉลี่ยเดือนละ {b} บาท",
            "ปลูกผักกินเองครบ {n} ครัวเรือน เหลือแบ่งปันเพื่อนบ้านและขายหน้าบ้าน",
        ),
    ),
    _Practice(
        "rice_bank",
        (
            "ตั้งธนาคารข้าวชุมชนที่{v} สมาชิก {n} ครัวเรือน ให้ยืมข้าวเปลือกช่วงขาดแคลนแล้วคืนหลังเก็บเกี่ยว",
            "ฟื้นยุ้งฉางกลางของหมู่บ้าน เก็บข้าวสำรองไว้ {r} ตัน สำหรับครัวเรือนที่ขาดแคลน",
        ),
        (
            "มีคณะกรรมการธนาคารข้าวที่โปร่งใส ทำบัญชียืมคืนติดประกาศให้ทุกคนเห็น",
            "ได้ทุนตั้งต้นจากกองทุนหมู่บ้านและการทอดผ้าป่าข้าวเปลือกของชุมชน",
        ),
        (
            "ปีแรกข้าวคืนไม่ครบเพราะน้ำท่วมนา แก้โดยผ่อนผันให้คืนสองงวดและไม่คิดดอกเพิ่ม",
            "ข้าวในยุ้งมีมอดและความชื้น แก้โดยยกพื้นยุ้งฉางและตากข้าวก่อนเก็บทุกครั้ง",
        ),
        ("ตั้งกติกาการยืมคืนให้ชัดตั้งแต่วันแรก และให้สมาชิกร่วมตัดสินใจในเวทีประชาคม",),
        ("ไม่มีครัวเรือนใน{v}ต้องซื้อข้าวกินในช่วงขาดแคลน ธนาคารข้าวมีข้าวหมุนเวียน {r} ตันต่อปี",),
    ),
    _Practice(
        "seed_bank",
        (
            "ตั้งธนาคารเมล็ดพันธุ์ผักพื้นบ้าน เก็บพันธุ์ไว้ {k} ชนิด ให้สมาชิกยืมไปปลูกแล้วคืนเป็นเมล็ด",
            "เพาะกล้าผักแจกจ่ายทุกครัวเรือนใน{v} และเก็บเมล็ดพันธุ์ไว้ใช้เองในฤดูถัดไป",
        ),
        (
            "ปราชญ์ชาวบ้านถ่ายทอดวิธีคัดและเก็บเมล็ดพันธุ์ให้คนรุ่นใหม่",
            "ได้ความรู้จากเกษตรอำเภอเรื่องการเพาะกล้าในถาดหลุม",
        ),
        ("เมล็ดพันธุ์บางชนิดงอกน้อย แก้โดยทดสอบการงอกก่อนแจกและเก็บในขวดแห้งปิดสนิท",),
        ("เริ่มจากพันธุ์ผักพื้นบ้านที่ชุมชนกินอยู่แล้ว ลดการซื้อเมล็ดพันธุ์จากร้าน",),
        ("ครัวเรือนใน{v}ไม่ต้องซื้อเมล็ดพันธุ์ผักอีก ประหยัดได้ปีละ {b} บาทต่อครัวเรือน",),
    ),
    _Practice(
        "fish",
        (
            "ขุดบ่อปลาประจำครัวเรือนและเลี้ยงปลาดุกในบ่อซีเมนต์ {n} บ่อ มีโปรตีนกินตลอดปี",
            "เลี้ยงปลานิลในกระชังที่แหล่งน้ำสาธารณะของ{v} แบ่งปลาให้ครัวเรือนที่ยากจน",
            "เลี้ยงกบและปลาดุกร่วมกับแปลงผัก ใช้น้ำจากบ่อปลารดผัก",
        ),
        (
            "ประมงอำเภอสนับสนุนพันธุ์ปลาและสอนทำอาหารปลาเอง",
            "ใช้เศษผักและรำข้าวในหมู่บ้านทำอาหารปลา ลดต้นทุน",
        ),
        (
            "ปลาตายช่วงอากาศร้อน แก้โดยทำร่มเงาและเปลี่ยนน้ำบ่อยขึ้น",
            "ค่าอาหารปลาแพง แก้โดยทำอาหารปลาสูตรชุมชนจากปลายข้าวและแหนแดง",
        ),
        ("เริ่มจากบ่อซีเมนต์ขนาดเล็กหลังบ้าน ใช้พื้นที่น้อยและดูแลง่าย",),
        ("ครัวเรือนใน{v}มีปลากินเองสัปดาห์ละ {r} มื้อ และมีรายได้จากขายปลาเดือนละ {b} บาท",),
    ),
    _Practice(
        "compost",
        (
            "ทำปุ๋ยหมักและน้ำหมักชีวภาพจากเศษอาหารและใบไม้ ใช้แทนปุ๋ยเคมีในแปลงผัก",
            "ตั้งจุดรวมขยะอินทรีย์ของหมู่บ้าน ทำปุ๋ยหมักได้เดือนละ {k} กระสอบ แบ่งให้สมาชิก",
            "เลี้ยงไส้เดือนดินย่อยขยะอินทรีย์ ได้ปุ๋ยมูลไส้เดือนใช้และขาย",
        ),
        (
            "กลุ่มสตรีแม่บ้านเป็นแกนหลักในการทำปุ๋ยหมักทุกวันพระ",
            "รพ.สต. ช่วยรณรงค์ลดสารเคมี ตรวจสารเคมีในเลือดให้เห็นผลก่อนและหลัง",
        ),
        ("ปุ๋ยหมักมีกลิ่นและแมลงวัน แก้โดยคลุมด้วยใบไม้แห้งและกลับกองทุกสัปดาห์",),
        ("ใช้วัตถุดิบที่มีในหมู่บ้านทั้งหมด ไม่ต้องลงทุนเพิ่ม ทำได้ทุกตำบล",),
        ("ครัวเรือนใน{v}ลดค่าปุ๋ยเคมีได้ปีละ {b} บาท และขยะในหมู่บ้านลดลงชัดเจน",),
    ),
    _Practice(
        "market",
        (
            "เปิดตลาดชุมชนทุกเย็นวันศุกร์ที่{v} ให้สมาชิกนำผักปลอดสารและผลผลิตมาขาย",
            "รวมกลุ่มแปรรูปผลผลิต เช่น ปลาร้าบอง ผักดอง พริกแกง ขายในตลาดนัดและขายออนไลน์",
        ),
        (
            "เทศบาลตำบลให้ใช้พื้นที่ตลาดฟรีและช่วยประชาสัมพันธ์ทางหอกระจายข่าว",
            "คนรุ่นใหม่ในหมู่บ้านช่วยถ่ายรูปและขายผ่าน Facebook ของกลุ่ม",
        ),
        (
            "ช่วงแรกผู้ซื้อน้อย แก้โดยจัดตลาดพร้อมกิจกรรมของโรงเรียนและวัด",
            "ผลผลิตออกพร้อมกันจนล้นตลาด แก้โดยวางแผนการปลูกให้แต่ละบ้านปลูกต่างชนิดกัน",
        ),
        ("วางแผนการปลูกร่วมกันก่อนเปิดตลาด จะได้มีผลผลิตหลากหลายตลอดปี",),
        ("สมาชิกใน{v}มีรายได้เสริมจากการขายผลผลิตเฉลี่ยเดือนละ {b} บาท",),
    ),
    _Practice(
        "poultry",
        (
            "เลี้ยงไก่ไข่ครัวเรือนละ {k} ตัว มีไข่ไก่กินทุกวัน ส่วนที่เหลือขายในหมู่บ้าน",
            "เลี้ยงไก่พื้นเมืองและเป็ดแบบปล่อยในสวน ใช้มูลสัตว์ทำปุ๋ยให้แปลงผัก",
        ),
        ("ปศุสัตว์อำเภอให้วัคซีนและสอนทำอาหารสัตว์จากวัตถุดิบในท้องถิ่น",),
        ("ไก่ป่วยช่วงเปลี่ยนฤดู แก้โดยทำวัคซีนพร้อมกันทั้งหมู่บ้านและทำความสะอาดเล้า",),
        ("เริ่มจากไก่ไข่ไม่กี่ตัวต่อครัวเรือน ดูแลง่ายและเห็นผลเร็ว",),
        ("ครัวเรือนใน{v}มีไข่กินเองทุกวัน ลดรายจ่ายค่าไข่ได้เดือนละ {b} บาท",),
    ),
    _Practice(
        "water",
        (
            "ทำฝายชะลอน้ำและขุดสระน้ำประจำไร่นาตามแนวโคก หนอง นา มีน้ำใช้ทำเกษตรตลอดปี",
            "วางระบบน้ำหยดร่วมกันในแปลงผักรวมของ{v} ใช้น้ำน้อยลงกว่าครึ่ง",
        ),
        ("อบต. สนับสนุนเครื่องจักรขุดสระ ชาวบ้านลงแรงร่วมกันวางท่อ",),
        ("ภัยแล้งปีที่ผ่านมาทำให้ผักเสียหาย แก้โดยเจาะบ่อบาดาลร่วมกันและแบ่งเวรใช้น้ำ",),
        ("สำรวจแหล่งน้ำของหมู่บ้านก่อน แล้วจึงวางแผนการปลูกให้พอกับน้ำที่มี",),
        ("แปลงผักใน{v}มีน้ำพอตลอดหน้าแล้ง ปลูกผักได้ {r} รอบต่อปี",),
    ),
)

_LEADERSHIP = (
    "ผู้นำการเปลี่ยนแปลงทั้ง 15 คนแบ่งกันดูแลครัวเรือนคนละ {k} หลัง ติดตามทุกสัปดาห์",
    "ประชุมประชาคมหมู่บ้านทุกเดือนเพื่อทบทวนผลและวางแผนต่อ",
    "ภาคีเครือข่าย บ้าน วัด โรงเรียน ทำงานร่วมกันอย่างต่อเนื่อง",
)


def _fill(key: str, text: str, village: str) -> str:
    """A template filled for one tambon: its figures follow from the tambon and the template,
    so two inspectors who pick the same sentence report the same figures."""
    rng = random.Random(f"{key}/{text}")
    return text.format(
        v=village,
        n=rng.randrange(40, 260),
        k=rng.randrange(3, 16),
        r=rng.randrange(2, 5),
        b=f"{rng.choice((300, 450, 500, 600, 800, 1000, 1200, 1500)):,}",
    )


def _texts(
    rng: random.Random, key: str, practices: list[_Practice], village: str
) -> dict[str, str]:
    """One inspector's lessons about a tambon's practices, in their own choice of words."""

    def pick(pool: tuple[str, ...]) -> str:
        return _fill(key, rng.choice(pool), village)

    main = practices[0]
    good = [pick(p.good) for p in practices]
    factors = [pick(main.factors)]
    if rng.random() < 0.6:
        factors.append(_fill(key, rng.choice(_LEADERSHIP), village))
    texts = {
        "good_practices": "\n".join(good),
        "success_factors": "\n".join(factors),
        "obstacles": pick(main.obstacles) if rng.random() < 0.85 else "",
        "transferable": pick(main.copy) if rng.random() < 0.8 else "",
        "village_results": pick(main.results) if rng.random() < 0.75 else "",
    }
    return texts


def add_lessons(session: Session, seed: int, round_id: int, spread_by: str) -> int:
    """Write lessons on the demo's sheets of a round and mark some as worth spreading (by
    ``spread_by``, the demo's committee login); returns how many sheets got lessons."""
    rng = random.Random(f"{seed}/lessons")
    focus = dict(
        session.execute(
            select(m.Village.tambon_code, m.Village.name_th).where(m.Village.is_focus.is_(True))
        ).all()
    )
    sheets = session.execute(
        select(m.Sheet.id, m.Sheet.tambon_code, m.Sheet.status, m.Sheet.updated_at)
        .where(m.Sheet.round_id == round_id, m.Sheet.conflict_of.is_(None))
        .order_by(m.Sheet.tambon_code, m.Sheet.id)
    ).all()
    practices: dict[str, list[_Practice]] = {}
    rows: list[dict[str, object]] = []
    by_tambon: dict[str, list[int]] = defaultdict(list)
    for sheet_id, tambon, status, updated in sheets:
        if tambon not in practices:
            chosen = rng.sample(PRACTICES, 2 if rng.random() < 0.45 else 1)
            practices[tambon] = chosen
        share = LESSON_SHARE if status == m.SheetStatus.SUBMITTED else LESSON_SHARE / 2
        if rng.random() >= share:
            continue
        village = focus.get(tambon, "หมู่บ้านเป้าหมาย")
        texts = _texts(rng, f"{seed}/{tambon}", practices[tambon], village)
        at: datetime = updated
        rows.append({"sheet_id": sheet_id, **texts, "updated_at": at, "spread_note": ""})
        by_tambon[tambon].append(len(rows) - 1)
    marked = rng.sample(sorted(by_tambon), round(len(by_tambon) * SPREAD_SHARE))
    for tambon in marked:
        row = rows[by_tambon[tambon][0]]
        row["spread_by"] = spread_by
        row["spread_at"] = row["updated_at"] + timedelta(days=rng.randrange(3, 10))  # type: ignore[operator]
        row["spread_note"] = rng.choice(
            (
                "ทำได้จริงด้วยทุนของชุมชนเอง ควรขยายผลในเขตเดียวกัน",
                "ผลลัพธ์ชัด วัดได้ เหมาะเป็นต้นแบบ",
                "ตำบลอื่นนำไปใช้ได้ทันที",
                "",
            )
        )
    for row in rows:  # one set of columns for one bulk insert
        row.setdefault("spread_by", None)
        row.setdefault("spread_at", None)
    if rows:
        session.execute(insert(m.Lesson), rows)
    return len(rows)
