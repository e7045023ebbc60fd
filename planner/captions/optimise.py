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
    "registered_every_class_hour": "A registered professional in every class hour, education included",
    "minimum_staff_per_class": "The minimum of {limit} per class",
    "exercise_ratio": "The {limit} exercise ratio",
    "supervision_hours": "Supervision of {limit} per supporting WTE",
    "supporting_per_registered": "The limit of {limit} supporting WTE per registered WTE",
    "registered_share": "The {limit} registered target",
    "leadership_minimum": "Leadership of at least {limit}",
    "leadership_share": "Leadership at {limit} of the other work",
    "team_in_post_floor": "Keeping everyone in post (no redundancies)",
}


#: A tie of rules (see :data:`planner.expansion.optimise_rules.TIES`) as a sentence's subject.
TIE_PHRASES: dict[tuple[str, ...], str] = {
    ("minimum_staff_per_class", "exercise_ratio"): (
        "{staff} staff per class (the {minimum_staff_per_class}-staff minimum and the {exercise_ratio} ratio together)"
    ),
}

_NUMBERS = ("No", "One", "Two", "Three", "Four", "Five", "Six", "Seven", "Eight", "Nine", "Ten")


def tie_sentence(rules: list[RuleResult], staff: int) -> str:
    """What a tie of rules costs together: "Two staff per class (...) costs £130,043 a year ..."."""
    key = next((k for k in TIE_PHRASES if set(k) == {r.name for r in rules}), None)
    limits = {r.name: (r.limit or "").removesuffix(" staff") for r in rules}
    subject = (
        TIE_PHRASES[key].format(staff=_NUMBERS[staff] if staff < len(_NUMBERS) else str(staff), **limits)
        if key
        else " and ".join(rule_subject(r) for r in rules) + " together"
    )
    return (
        f"{subject} costs {money(rules[0].shared_saving)} a year over the cheapest mix without them; "
        "removing either alone saves nothing, since the other still asks for the same staff."
    )


def rule_subject(rule: RuleResult) -> str:
    """The rule as a sentence's subject: "The 60% registered target"."""
    return PHRASES[rule.name].format(limit=rule.limit or "")


def rule_sentence(rule: RuleResult) -> str:
    """What a rule costs, in one sentence (saving if removed, then the cost per unit when known)."""
    subject = rule_subject(rule)
    if not rule.active:
        return f"{subject} is switched off."
    if rule.shared_with:
        return (
            f"{subject} saves nothing removed alone; with the rules it ties with it costs "
            f"{money(rule.shared_saving)} a year."
        )
    if not rule.binding:
        return f"{subject} costs nothing here: the cheapest mix meets it anyway."
    text = f"{subject} costs {money(rule.saving_if_removed)} a year over the cheapest mix without it"
    if rule.cost_per_unit:
        text += f"; about {money(rule.cost_per_unit)} a year {rule.unit} (an approximation)"
    return text + "."


def binding_sentences(mix: OptimalMix) -> list[str]:
    """One sentence per binding rule (one per tie of rules that bind only together), the costliest first."""
    by_name = {r.name: r for r in mix.rules}
    out: list[tuple[float, str]] = []
    seen: set[str] = set()
    for r in mix.rules:
        if not r.binding or r.name in seen:
            continue
        if r.shared_with:
            group = [r] + [by_name[n] for n in r.shared_with if n in by_name]
            seen.update(g.name for g in group)
            out.append((r.shared_saving, tie_sentence(group, mix.staff_per_class)))
        else:
            out.append((r.saving_if_removed, rule_sentence(r)))
    return [text for _, text in sorted(out, key=lambda pair: -pair[0])]


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
    text = (
        f"The cheapest mix that keeps every rule that is on costs {money(mix.annual_cost)} a year for "
        f"{total:.1f} WTE: {verdict}"
    )
    if mix.in_post is not None:
        diff = mix.annual_cost - mix.in_post.annual_cost
        word = "more" if diff >= 0 else "less"
        text += f"; {money(abs(diff))} a year {word} than the team in post ({mix.in_post.total:.1f} WTE)"
    text += f". Costs at {mix.price_base}."
    off = switched_off(mix)
    if off:
        text += " Switched off: " + "; ".join(off) + "."
    return text


def switched_off(mix: OptimalMix) -> list[str]:
    """The rules the user switched off (a 0% registered target included), by label."""
    return [
        r.label
        for r in mix.rules
        if not r.active and (r.name in mix.settings.rules_off or r.name == "registered_share")
    ]


def demand_caption(scenario_title: str, mix: OptimalMix) -> str:
    """Which scenario and what demand the mix is for."""
    return (
        f"For the scenario '{scenario_title}': {mix.starts:,.0f} people starting PR a year "
        f"({mix.completions:,.0f} completing), the scenario's first year."
    )


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
