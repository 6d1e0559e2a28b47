-- 0006_kolada: comparable KPIs from Kolada (the national database of
-- Swedish municipalities and regions, api.kolada.se v2).
--
-- * kolada_map: an indicator follows a Kolada KPI ('N00945') for one
--   municipality or region id ('0023', a region's two digits + '00' style
--   ids as Kolada writes them). One mapping per indicator. `rodtrad kolada
--   fetch` stores the mapped region's values as the indicator's outcomes
--   (period = the year, gender split kept), through the store like any
--   entry, so they are audited and keep history.
-- * kolada_peer: other municipalities/regions fetched with it for comparison
--   (Kolada's '0000' is Riket, the national average).
-- * kolada_value: every value fetched, own region and peers, per (kpi,
--   municipality, year, gender); value NULL = Kolada has no value.
-- Same portability notes as 0001.

CREATE TABLE kolada_map (
	id           INTEGER PRIMARY KEY,
	indicator_id BIGINT NOT NULL UNIQUE REFERENCES indicator (id) ON DELETE RESTRICT,
	kpi          TEXT NOT NULL,
	municipality TEXT NOT NULL
);

CREATE TABLE kolada_peer (
	id           INTEGER PRIMARY KEY,
	map_id       BIGINT NOT NULL REFERENCES kolada_map (id) ON DELETE RESTRICT,
	municipality TEXT NOT NULL,
	UNIQUE (map_id, municipality)
);

CREATE TABLE kolada_value (
	id           INTEGER PRIMARY KEY,
	kpi          TEXT NOT NULL,
	municipality TEXT NOT NULL,
	year         INTEGER NOT NULL,
	gender       TEXT NOT NULL CHECK (gender IN ('total', 'women', 'men')),
	value        DOUBLE PRECISION,
	count        INTEGER,
	status       TEXT,
	fetched_at   TEXT NOT NULL,
	UNIQUE (kpi, municipality, year, gender)
);
