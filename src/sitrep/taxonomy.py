"""The ACLED event taxonomy: 6 event types, 25 sub-event types, and mappings to other schemes."""

from __future__ import annotations

from enum import Enum

__all__ = [
    "CASE2021_LABELS",
    "EVENT_TYPE_OF",
    "EventType",
    "SubEventType",
    "disorder_type",
]


class EventType(str, Enum):
    battles = "Battles"
    explosions = "Explosions/Remote violence"
    violence_against_civilians = "Violence against civilians"
    protests = "Protests"
    riots = "Riots"
    strategic_developments = "Strategic developments"


class SubEventType(str, Enum):
    # Battles
    armed_clash = "Armed clash"
    government_regains_territory = "Government regains territory"
    non_state_actor_overtakes_territory = "Non-state actor overtakes territory"
    # Explosions/Remote violence
    chemical_weapon = "Chemical weapon"
    air_drone_strike = "Air/drone strike"
    suicide_bomb = "Suicide bomb"
    shelling_artillery_missile = "Shelling/artillery/missile attack"
    remote_explosive = "Remote explosive/landmine/IED"
    grenade = "Grenade"
    # Violence against civilians
    sexual_violence = "Sexual violence"
    attack = "Attack"
    abduction = "Abduction/forced disappearance"
    # Protests
    peaceful_protest = "Peaceful protest"
    protest_with_intervention = "Protest with intervention"
    excessive_force_against_protesters = "Excessive force against protesters"
    # Riots
    violent_demonstration = "Violent demonstration"
    mob_violence = "Mob violence"
    # Strategic developments
    agreement = "Agreement"
    arrests = "Arrests"
    change_to_group_activity = "Change to group/activity"
    disrupted_weapons_use = "Disrupted weapons use"
    headquarters_established = "Headquarters or base established"
    looting_property_destruction = "Looting/property destruction"
    non_violent_transfer_of_territory = "Non-violent transfer of territory"
    other = "Other"

    @property
    def event_type(self) -> EventType:
        return EVENT_TYPE_OF[self]


_S = SubEventType
_E = EventType
EVENT_TYPE_OF: dict[SubEventType, EventType] = {
    _S.armed_clash: _E.battles,
    _S.government_regains_territory: _E.battles,
    _S.non_state_actor_overtakes_territory: _E.battles,
    _S.chemical_weapon: _E.explosions,
    _S.air_drone_strike: _E.explosions,
    _S.suicide_bomb: _E.explosions,
    _S.shelling_artillery_missile: _E.explosions,
    _S.remote_explosive: _E.explosions,
    _S.grenade: _E.explosions,
    _S.sexual_violence: _E.violence_against_civilians,
    _S.attack: _E.violence_against_civilians,
    _S.abduction: _E.violence_against_civilians,
    _S.peaceful_protest: _E.protests,
    _S.protest_with_intervention: _E.protests,
    _S.excessive_force_against_protesters: _E.protests,
    _S.violent_demonstration: _E.riots,
    _S.mob_violence: _E.riots,
    _S.agreement: _E.strategic_developments,
    _S.arrests: _E.strategic_developments,
    _S.change_to_group_activity: _E.strategic_developments,
    _S.disrupted_weapons_use: _E.strategic_developments,
    _S.headquarters_established: _E.strategic_developments,
    _S.looting_property_destruction: _E.strategic_developments,
    _S.non_violent_transfer_of_territory: _E.strategic_developments,
    _S.other: _E.strategic_developments,
}

# CASE 2021 task 2 labels. The five labels that are not ACLED sub-event types map to None:
# sitrep must report no event for them.
CASE2021_LABELS: dict[str, SubEventType | None] = {
    "ARMED_CLASH": _S.armed_clash,
    "GOV_REGAINS_TERIT": _S.government_regains_territory,
    "NON_STATE_ACTOR_OVERTAKES_TER": _S.non_state_actor_overtakes_territory,
    "CHEM_WEAP": _S.chemical_weapon,
    "AIR_STRIKE": _S.air_drone_strike,
    "SUIC_BOMB": _S.suicide_bomb,
    "ART_MISS_ATTACK": _S.shelling_artillery_missile,
    "REM_EXPLOS": _S.remote_explosive,
    "GRENADE": _S.grenade,
    "SEX_VIOL": _S.sexual_violence,
    "ATTACK": _S.attack,
    "ABDUCT_DISSAP": _S.abduction,
    "PEACE_PROTEST": _S.peaceful_protest,
    "PROTEST_WITH_INTER": _S.protest_with_intervention,
    "FORCE_AGAINST_PROTEST": _S.excessive_force_against_protesters,
    "VIOL_DEMONSTR": _S.violent_demonstration,
    "MOB_VIOL": _S.mob_violence,
    "AGREEMENT": _S.agreement,
    "ARREST": _S.arrests,
    "CHANGE_TO_GROUP_ACT": _S.change_to_group_activity,
    "DISR_WEAP": _S.disrupted_weapons_use,
    "HQ_ESTABLISHED": _S.headquarters_established,
    "PROPERTY_DISTRUCT": _S.looting_property_destruction,
    "NON_VIOL_TERRIT_TRANSFER": _S.non_violent_transfer_of_territory,
    "OTHER": _S.other,
    "ORG_CRIME": None,
    "NATURAL_DISASTER": None,
    "MAN_MADE_DISASTER": None,
    "DIPLO": None,
    "ATTRIB": None,
}


def disorder_type(sub: SubEventType) -> str:
    """ACLED's disorder_type for a sub-event type (current exports)."""
    if sub is _S.excessive_force_against_protesters:
        return "Political violence; Demonstrations"
    etype = sub.event_type
    if etype is _E.protests or sub is _S.violent_demonstration:
        return "Demonstrations"
    if etype is _E.strategic_developments:
        return "Strategic developments"
    return "Political violence"
