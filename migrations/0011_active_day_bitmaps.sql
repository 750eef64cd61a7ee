CREATE TABLE `analytics_active_days` (
	`workspace_pk` integer NOT NULL,
	`day` integer NOT NULL,
	`chunk` integer NOT NULL,
	`bits` blob NOT NULL,
	PRIMARY KEY(`workspace_pk`, `day`, `chunk`)
);
--> statement-breakpoint
-- Hand-written: the rows of analytics_active_users become bitmaps (user pk p = bit p % 32000,
-- least significant first, of chunk p / 32000's 4,000 bytes), so no recorded activity is lost.
WITH RECURSIVE bytes(b) AS (SELECT 0 UNION ALL SELECT b + 1 FROM bytes WHERE b < 3999),
set_bits AS (
	SELECT workspace_pk, day, user_pk / 32000 AS chunk, (user_pk % 32000) / 8 AS b, sum(1 << (user_pk % 8)) AS v
	FROM analytics_active_users GROUP BY 1, 2, 3, 4),
chunks AS (SELECT DISTINCT workspace_pk, day, chunk FROM set_bits)
INSERT INTO `analytics_active_days` (workspace_pk, day, chunk, bits)
SELECT c.workspace_pk, c.day, c.chunk, unhex(group_concat(printf('%02X', coalesce(s.v, 0)), '' ORDER BY bytes.b))
FROM chunks c CROSS JOIN bytes
LEFT JOIN set_bits s ON s.workspace_pk = c.workspace_pk AND s.day = c.day AND s.chunk = c.chunk AND s.b = bytes.b
GROUP BY c.workspace_pk, c.day, c.chunk;
--> statement-breakpoint
DROP TABLE `analytics_active_users`;