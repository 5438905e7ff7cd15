-- PostgreSQL replaces its bars -> series foreign key by a check per statement in this version (see
-- db/migration/postgresql). SQLite keeps its foreign key, whose check costs a write far less there.
SELECT 1;
