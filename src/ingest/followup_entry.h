/* Follow-up data entry against a store: an outcome or an activity state
 * addressed by ids or keys, as `rodtrad outcome set`, `rodtrad activity
 * status` and the outcome CSV import receive it. Resolves the references,
 * builds the status context from the indicator's plan (core/outcome_entry.h)
 * and writes: a second entry for the same indicator, period, gender and org
 * unit is a correction, and the store keeps the old version in the outcome's
 * history. Callers open the transaction; nothing here commits. */
#ifndef RT_INGEST_FOLLOWUP_ENTRY_H
#define RT_INGEST_FOLLOWUP_ENTRY_H
#include <stdbool.h>
#include "core/outcome_entry.h"
#include "store/store.h"
#include "util/arena.h"
#include "util/buf.h"
#include "util/err.h"

struct rt_outcome_request {
	const char *indicator;    /* id or key */
	const char *period;       /* key ("2021-T1") or id */
	const char *org;          /* org unit id or key; NULL = the whole scope */
	enum rt_gender gender;
	struct rt_outcome_input in; /* value, comment, chosen status, reason */
	const char *by;           /* who entered it; NULL = the transaction's actor */
};

struct rt_outcome_result {
	struct rt_outcome outcome;        /* as written (strings in the caller's arena) */
	struct rt_status_result computed; /* what the rule gave, with its reason */
	const char *indicator_name;
	const char *period_key;
	const char *target_text;          /* målvärde for the period's year; NULL = none */
	bool updated;                     /* a correction of an earlier entry */
	/* the earlier entry had a chosen status that this one does not repeat */
	bool dropped_override;
	enum rt_status old_status;
	const char *old_reason;
};

/* Writes one outcome inside an open transaction. Messages name the input at
 * fault (field "indicator", "period", "org", "value", "reason"). */
int rt_followup_outcome_put(rt_store *s, rt_arena *a, const struct rt_outcome_request *rq,
                            struct rt_outcome_result *res, rt_err *err);
/* Reads an outcome and its earlier versions (oldest first) by references. */
int rt_followup_outcome_get(rt_store *s, rt_arena *a, const char *indicator, const char *period,
                            enum rt_gender gender, const char *org, struct rt_outcome *out,
                            struct rt_outcome_history **hist, size_t *n_hist, rt_err *err);

/* "ej-påbörjad", "ej påbörjad", "pågår", "klar", "försenad", "inställd"
 * (any case, also the English tokens). */
int rt_activity_state_parse_sv(const char *s, enum rt_activity_state *out, rt_err *err);

/* Sets the state of an activity in a period (insert or update) inside an
 * open transaction; *updated tells which. `by` NULL = the actor. */
int rt_followup_activity_state_put(rt_store *s, rt_arena *a, const char *activity,
                                   const char *period, enum rt_activity_state state,
                                   const char *comment, const char *by,
                                   struct rt_activity_status *out, bool *updated, rt_err *err);

/* Lower case for ASCII and Å Ä Ö, trimmed: how typed words (states, CSV
 * headers) are matched. Appends to b. */
void rt_followup_fold(rt_buf *b, const char *s);

/* Resolving references: a key, else (all digits) an id; a key wins, since a
 * year period's key "2024" is all digits. */
int rt_followup_resolve(rt_store *s, const char *table, const char *ref, int64_t *id,
                        rt_err *err);

#endif
