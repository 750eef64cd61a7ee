CREATE TABLE `data_point_totals` (
	`workspace_pk` integer NOT NULL,
	`source` text NOT NULL,
	`kind` text NOT NULL,
	`count` integer NOT NULL,
	PRIMARY KEY(`workspace_pk`, `source`, `kind`)
);
