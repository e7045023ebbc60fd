"""Words for the least-cost skill mix: the saving, each binding rule's cost, and the labels it carries.

Each function takes what :func:`planner.expansion.optimise.optimise` returns and gives the sentence a
person reads, e.g. "The 60% registered target costs £41,200 a year over the cheapest mix without it."
"""

from __future__ import annotations

from planner.captions.words import money
from planner.expansion.optimise import OptimalMix
from planner.expansion.optimise_rules import RuleResult

#: Each rule as the subject of a sentence; ``{limit}`` is its limit in words.
PHRASES: dict[str, str] = {
    "skill_mix_policy": "Keeping each band to the activities the skill-mix policy allows (our interpretation)",
    "registered_activities": "Keeping the class lead and other registered work with registered staff",
    "minimum_staff_per_class": "The minimum of {limit} per class",
    "exercise_ratio": "The {limit} exercise ratio",
    "supervision_hours": "Supervision of {limit} per supporting WTE",
    "supporting_per_registered": "The limit of {limit} supporting WTE per registered WTE",
    "registered_share": "The {limit} registered target",
    "leadership_minimum": "Leadership of at least {limit}",
    "leadership_share": "Leadership at {limit} of the other work",
    "team_in_post_floor": "Keeping everyone in post (no redundancies)",
}


def rule_subject(rule: RuleResult) -> str:
    """The rule as a sentence's subject: "The 60% registered target"."""
    return PHRASES[rule.name].format(limit=rule.limit or "")


def rule_sentence(rule: RuleResult) -> str:
    """What a rule costs, in one sentence (saving if removed, then the cost per unit when known)."""
    subject = rule_subject(rule)
    if not rule.active:
        return f"{subject} is switched off."
    if not rule.binding:
        return f"{subject} costs nothing here: the cheapest mix meets it anyway."
    text = f"{subject} costs {money(rule.saving_if_removed)} a year over the cheapest mix without it"
    if rule.cost_per_unit:
        text += f"; about {money(rule.cost_per_unit)} a year {rule.unit} (an approximation)"
    return text + "."


def binding_sentences(mix: OptimalMix) -> list[str]:
    """One sentence per binding rule, the costliest first."""
    binding = sorted((r for r in mix.rules if r.binding), key=lambda r: -r.saving_if_removed)
    return [rule_sentence(r) for r in binding]


def saving_caption(mix: OptimalMix) -> str:
    """The headline: the least-cost mix against the policy mix and the team in post."""
    total = float(mix.by_band.sum())
    saving = mix.saving_on_policy
    verdict = (
        f"{money(saving)} a year less than the policy mix ({money(mix.policy.annual_cost)}, {mix.policy.total:.1f} WTE)"
        if saving > 0.5
        else f"{money(-saving)} a year more than the policy mix ({money(mix.policy.annual_cost)}), which does not meet every rule"
        if saving < -0.5
        else "the same as the policy mix"
    )
    text = f"The cheapest mix that keeps every rule costs {money(mix.annual_cost)} a year for {total:.1f} WTE: {verdict}"
    if mix.in_post is not None:
        diff = mix.annual_cost - mix.in_post.annual_cost
        word = "more" if diff >= 0 else "less"
        text += f"; {money(abs(diff))} a year {word} than the team in post ({mix.in_post.total:.1f} WTE)"
    return text + f". Costs at {mix.price_base}."


def posts_caption(mix: OptimalMix) -> str:
    """How posts are counted, and what the floor means."""
    if mix.post_wte <= 0:
        unit = "any WTE (no whole posts)"
    elif abs(mix.post_wte - 0.1) < 1e-9:
        unit = "steps of 0.1 WTE"
    else:
        unit = f"whole posts of {mix.post_wte:g} WTE"
    floor = (
        " Everyone in post stays; the posts shown are the posts to add."
        if mix.settings.floor and mix.in_post is not None
        else ""
    )
    return f"Posts are counted in {unit}; {mix.staff_per_class} staff per class.{floor}"


NOTES: tuple[str, ...] = (
    "Which band may do which activity is our interpretation of the British Thoracic Society's band "
    "statements and the London competency functions.",
    "Most limits are assumptions: the 1:8 exercise ratio and two staff per class are unverified, and the "
    "600:400 split describes 1,000 additional staff nationally, not a team's mix.",
    "The cost per unit comes from the dual values of the problem with posts allowed in any WTE: an "
    "approximation. The saving if a rule were removed is exact: the mix is solved again without it.",
)
