/* Follow-up records as the seeds print them: periods (tertial, delår, år,
 * månad, halvår), outcomes (utfall + kommentar) per indicator and the
 * recorded assessment (● uppfyllt, ◆ delvis, ■ ej uppfyllt) per goal.
 * This is the storage shape only; the status rules come with the follow-up
 * module. Pure: no I/O. */
#ifndef RT_CORE_FOLLOWUP_H
#define RT_CORE_FOLLOWUP_H
#include <stdbool.h>
#include <stdint.h>
#include "core/indicator.h"
#include "util/err.h"

enum rt_period_kind {
	RT_PERIOD_MONTH,
	RT_PERIOD_TERTIAL,     /* 1 = jan–apr, 2 = jan–aug (uppföljningsrapport 1, 2) */
	RT_PERIOD_HALF_YEAR,   /* per maj, per december (handlingsplaner) */
	RT_PERIOD_YEAR,        /* årsrapport */
};

struct rt_period {
	int64_t id;
	char *key;             /* "2021-T1", "2024-M02", "2024-H1", "2024" */
	enum rt_period_kind kind;
	int year;
	int number;            /* month 1–12, tertial 1–3, half 1–2, 0 for year */
	char *start_date, *end_date; /* ISO */
	char *deadline;        /* ISO or NULL */
};

enum rt_status {
	RT_STATUS_NONE,        /* "Status saknas" */
	RT_STATUS_ACHIEVED,    /* ● uppfyllt */
	RT_STATUS_PARTLY,      /* ◆ delvis uppfyllt */
	RT_STATUS_NOT_ACHIEVED,/* ■ ej uppfyllt */
};

struct rt_outcome {
	int64_t id;
	int64_t indicator_id;
	int64_t period_id;
	enum rt_gender gender;
	int64_t org_unit_id;   /* 0 = whole scope */
	char *text;            /* as written: "5,4 %", "Ja"; may be NULL when only a comment */
	struct rt_target_spec value; /* parsed; value.has_value false when none */
	char *comment;         /* may be NULL */
	enum rt_status status; /* the status shown in the report */
	char *entered_by;      /* may be NULL */
	char *entered_at;      /* ISO timestamp, may be NULL */
	/* Appended with 0002 (others rely on the members above staying put). */
	enum rt_status computed_status; /* what the status rule gave; NONE = not computed */
	char *override_reason; /* why `status` differs from computed_status; NULL = no override */
};

/* The assessment of a goal (or goal area) for a period, with its analysis. */
struct rt_assessment {
	int64_t id;
	int64_t goal_id;
	int64_t period_id;
	enum rt_status status;
	char *analysis;        /* may be NULL */
};

const char *rt_period_kind_name(enum rt_period_kind k);  /* "tertial" */
const char *rt_period_kind_label(enum rt_period_kind k); /* "Tertial" */
int rt_period_kind_parse(const char *s, enum rt_period_kind *out, rt_err *err);
/* Parses "2021-T1", "2024-M02", "2024-H1", "2024" into kind/year/number and
 * fills start/end dates (allocated in no arena: written into the given
 * 11-byte buffers). */
int rt_period_parse_key(const char *key, struct rt_period *out, char start[11], char end[11], rt_err *err);
const char *rt_status_name(enum rt_status s);    /* "achieved" */
const char *rt_status_label(enum rt_status s);   /* "Uppfyllt" */
const char *rt_status_symbol(enum rt_status s);  /* "●", "◆", "■", "" */
int rt_status_parse(const char *s, enum rt_status *out, rt_err *err);

/* An earlier version of an outcome, kept by the store on every update
 * ("corrections keep history"): the row as it was before, and who replaced
 * it when. */
struct rt_outcome_history {
	int64_t id;
	int64_t outcome_id;
	char *text;
	struct rt_target_spec value;
	char *comment;
	enum rt_status status;
	enum rt_status computed_status;
	char *override_reason;
	char *entered_by, *entered_at; /* who entered the old version */
	char *changed_by, *changed_at; /* who replaced it, ISO timestamp */
};

/* Aktiviteternas uppföljning: the state of an activity in a period. */
enum rt_activity_state {
	RT_ACT_NOT_STARTED,    /* Ej påbörjad */
	RT_ACT_ONGOING,        /* Pågår */
	RT_ACT_DONE,           /* Klar */
	RT_ACT_DELAYED,        /* Försenad */
	RT_ACT_CANCELLED,      /* Inställd */
};

struct rt_activity_status {
	int64_t id;
	int64_t activity_id;
	int64_t period_id;
	enum rt_activity_state state;
	char *comment;         /* may be NULL */
	char *entered_by;      /* may be NULL */
	char *entered_at;      /* ISO timestamp, may be NULL */
};

const char *rt_activity_state_name(enum rt_activity_state s);  /* "not_started" */
const char *rt_activity_state_label(enum rt_activity_state s); /* "Ej påbörjad" */
int rt_activity_state_parse(const char *s, enum rt_activity_state *out, rt_err *err);

#endif
