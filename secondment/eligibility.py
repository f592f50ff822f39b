"""Eligibility rules of a batch (选派条件). Each failure is a sentence in Chinese naming the rule."""

from django.core.exceptions import ValidationError

from cadres.models import Cadre

from .models import Batch, Posting


def eligibility_failures(*, batch: Batch, cadre: Cadre) -> list[str]:
    failures: list[str] = []
    reference = batch.reference_date
    age = cadre.age_on(reference)
    if batch.max_age is not None and age > batch.max_age:
        failures.append(f"年龄：{reference:%Y年%m月%d日}时{age}岁，超过本批次{batch.max_age}岁的上限。")
    rank = cadre.rank
    needs_rank = batch.min_rank_id or batch.max_rank_id or bool(list(batch.age_ceilings.all()))
    if needs_rank and rank is None:
        failures.append("职级：未登记职级，无法判断是否符合职级和分职级年龄条件。")
    if rank is not None:
        if batch.min_rank_id and rank.order < batch.min_rank.order:
            failures.append(f"职级：{rank.name}低于本批次最低职级{batch.min_rank.name}。")
        if batch.max_rank_id and rank.order > batch.max_rank.order:
            failures.append(f"职级：{rank.name}高于本批次最高职级{batch.max_rank.name}。")
        for ceiling in batch.age_ceilings.all():
            if ceiling.rank_from.order <= rank.order <= ceiling.rank_to.order and age > ceiling.max_age:
                failures.append(
                    f"年龄：{ceiling.rank_from.name}至{ceiling.rank_to.name}的干部年龄上限为{ceiling.max_age}岁，"
                    f"该干部{reference:%Y年%m月%d日}时{age}岁。"
                )
    if batch.reserve_only and not cadre.is_reserve:
        failures.append("后备干部：本批次限后备干部，该干部不是后备干部。")
    if batch.min_education_id:
        education = cadre.education
        # Education.order rises as the level falls (博士研究生 = 1 ...)
        if education is None or education.order > batch.min_education.order:
            have = education.name if education else "未登记"
            failures.append(f"学历：要求{batch.min_education.name}及以上，该干部为{have}。")
    return failures


def postings_overlapping(*, batch: Batch, cadre_ids) -> dict[int, Posting]:
    """正在挂职: cadres on an active posting of another batch whose term does not end before this batch
    starts (cadre id -> that posting), in one query. A posting ending before the start does not count."""
    overlapping = (
        Posting.objects.active()
        .filter(cadre_id__in=cadre_ids, end_date__gte=batch.planned_start)
        .exclude(batch=batch)
        .select_related("receiving_unit")
    )
    return {p.cadre_id: p for p in overlapping}


def seconded_failure(posting: Posting | None, batch: Batch) -> str:
    """The sentence refusing a cadre on secondment, or "" when there is none."""
    if posting is None:
        return ""
    return (
        f"正在挂职：{posting.get_status_display()}于{posting.receiving_unit.name}，挂职至"
        f"{posting.end_date:%Y年%m月%d日}，本批次{batch.planned_start:%Y年%m月%d日}开始，期限重叠。"
    )


def seconded_check(*, batch: Batch, cadre: Cadre, field: str = "") -> None:
    """Refuse a cadre on an overlapping active posting at nomination, inspection and selection."""
    failure = seconded_failure(postings_overlapping(batch=batch, cadre_ids=[cadre.pk]).get(cadre.pk), batch)
    if failure:
        message = f"{cadre.name}{failure}"
        raise ValidationError({field: message} if field else message)


def nominee_notes(*, batch: Batch, cadres) -> dict[int, str]:
    """What the cadre picker says of each cadre while nominating: 正在挂职, the conditions not met, or
    符合条件. `batch` should come with its ceilings and ranks loaded, `cadres` with rank and education."""
    seconded = postings_overlapping(batch=batch, cadre_ids=[c.pk for c in cadres])
    notes = {}
    for cadre in cadres:
        posting = seconded.get(cadre.pk)
        if posting is not None:
            notes[cadre.pk] = f"正在挂职，至{posting.end_date:%Y-%m-%d}，不可推荐"
            continue
        failures = eligibility_failures(batch=batch, cadre=cadre)
        if failures:
            notes[cadre.pk] = "不符合：" + "、".join(dict.fromkeys(f.split("：", 1)[0] for f in failures))
        else:
            notes[cadre.pk] = "符合条件"
    return notes
