"""Eligibility rules of a batch (选派条件). Each failure is a sentence in Chinese naming the rule."""

from cadres.models import Cadre

from .models import Batch


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
