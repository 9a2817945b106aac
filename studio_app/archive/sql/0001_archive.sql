-- Archive schema, version 1: roles, accounts, the synced tables, row-level security.
-- {p} is the role prefix chosen at `studio-archive migrate` (roles are cluster-wide).
-- Runs in one transaction as a role that may create roles (a superuser, or the DBA's admin).

DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{p}_owner') THEN
        CREATE ROLE {p}_owner NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{p}_api') THEN
        -- The service logs in as this: not the owner, no superuser, no BYPASSRLS, and no
        -- rights of its own on the synced tables (NOINHERIT): it acts only through SET ROLE.
        CREATE ROLE {p}_api LOGIN NOINHERIT;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{p}_studio') THEN
        CREATE ROLE {p}_studio NOLOGIN;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{p}_dept') THEN
        CREATE ROLE {p}_dept NOLOGIN;
    END IF;
END
$$;
ALTER ROLE {p}_api SET statement_timeout = '30s';
ALTER ROLE {p}_api SET idle_in_transaction_session_timeout = '60s';

CREATE SCHEMA archive AUTHORIZATION {p}_owner;
GRANT USAGE ON SCHEMA archive TO {p}_api, {p}_studio, {p}_dept;
SET LOCAL ROLE {p}_owner;

CREATE TABLE archive.meta (key text PRIMARY KEY, value text NOT NULL);

CREATE TABLE archive.account (
    id uuid PRIMARY KEY,
    kind text NOT NULL CHECK (kind IN ('studio', 'department')),
    name text NOT NULL,
    db_role name NOT NULL UNIQUE,
    secret_hash bytea NOT NULL,
    -- A studio account is bound to the studio id its PC made, at its first connection.
    studio_id uuid,
    created_at timestamptz NOT NULL DEFAULT now(),
    revoked_at timestamptz,
    last_seen_at timestamptz
);
CREATE INDEX account_studio ON archive.account (studio_id);
CREATE TABLE archive.account_department (
    account_id uuid NOT NULL REFERENCES archive.account (id),
    department_id uuid NOT NULL,
    PRIMARY KEY (account_id, department_id)
);
CREATE TABLE archive.sync_client (
    account_id uuid NOT NULL REFERENCES archive.account (id),
    device_id uuid NOT NULL,
    app_version text NOT NULL DEFAULT '',
    protocol integer NOT NULL,
    first_seen timestamptz NOT NULL DEFAULT now(),
    last_hello timestamptz,
    last_push timestamptz,
    last_pull timestamptz,
    last_cursor text NOT NULL DEFAULT '',
    PRIMARY KEY (account_id, device_id)
);

-- Row-level security on the accounts: a studio or department role sees its own row only
-- (and only the columns granted below); the service reads them all to authenticate.
ALTER TABLE archive.account ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.account FORCE ROW LEVEL SECURITY;
CREATE POLICY api_accounts ON archive.account TO {p}_api USING (true) WITH CHECK (true);
CREATE POLICY own_account ON archive.account FOR SELECT TO {p}_studio, {p}_dept
    USING (db_role = current_user);
GRANT SELECT, UPDATE (studio_id, last_seen_at) ON archive.account TO {p}_api;
GRANT SELECT (id, kind, db_role, studio_id, revoked_at) ON archive.account TO {p}_studio, {p}_dept;
ALTER TABLE archive.account_department ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.account_department FORCE ROW LEVEL SECURITY;
CREATE POLICY api_links ON archive.account_department FOR SELECT TO {p}_api USING (true);
CREATE POLICY own_links ON archive.account_department FOR SELECT TO {p}_dept
    USING (account_id IN (SELECT id FROM archive.account WHERE db_role = current_user));
GRANT SELECT ON archive.account_department TO {p}_api, {p}_dept;
GRANT SELECT, INSERT, UPDATE ON archive.sync_client TO {p}_api;
GRANT SELECT ON archive.meta TO {p}_api;

-- Who the current role is. Invoker's rights: current_user is the studio's or department's
-- role, which sees only its own account row. Never a client-settable setting (spoofable).
CREATE FUNCTION archive.my_studio() RETURNS uuid
    LANGUAGE sql STABLE SET search_path = pg_catalog
    AS $$ SELECT studio_id FROM archive.account
          WHERE db_role = current_user AND kind = 'studio' AND revoked_at IS NULL $$;
CREATE FUNCTION archive.my_departments() RETURNS uuid[]
    LANGUAGE sql STABLE SET search_path = pg_catalog
    AS $$ SELECT coalesce(array_agg(l.department_id), '{}')
          FROM archive.account_department l JOIN archive.account a ON a.id = l.account_id
          WHERE a.db_role = current_user AND a.kind = 'department' AND a.revoked_at IS NULL $$;
CREATE FUNCTION archive.my_department_texts() RETURNS text[]
    LANGUAGE sql STABLE SET search_path = pg_catalog
    AS $$ SELECT archive.my_departments()::text[] $$;
GRANT EXECUTE ON FUNCTION archive.my_studio(), archive.my_departments(),
    archive.my_department_texts() TO {p}_studio, {p}_dept;

-- The pull cursor follows commit order through the writing transaction's id (SYNC_DESIGN.md);
-- server_seq orders rows within one transaction and follow-up events within a history.
CREATE SEQUENCE archive.server_seq;
CREATE FUNCTION archive.stamp() RETURNS trigger
    LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog
    AS $$
BEGIN
    NEW.txid := pg_current_xact_id();
    NEW.server_seq := nextval('archive.server_seq');
    NEW.server_time := now();
    RETURN NEW;
END
$$;
REVOKE ALL ON FUNCTION archive.stamp() FROM PUBLIC;

CREATE TABLE archive.studio (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    name text NOT NULL,
    region text NOT NULL,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX studio_pull ON archive.studio (studio_id, txid, server_seq);
CREATE TRIGGER studio_stamp BEFORE INSERT OR UPDATE ON archive.studio
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.studio ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.studio FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.studio TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.studio TO {p}_studio;

CREATE TABLE archive.department (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    name text NOT NULL,
    code text NOT NULL,
    active boolean NOT NULL,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX department_pull ON archive.department (studio_id, txid, server_seq);
CREATE TRIGGER department_stamp BEFORE INSERT OR UPDATE ON archive.department
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.department ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.department FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.department TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.department TO {p}_studio;

CREATE TABLE archive.broadcast_session (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    title text NOT NULL,
    scheduled_start timestamptz,
    planned_minutes bigint NOT NULL,
    location text NOT NULL,
    description text NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL,
    updated_at timestamptz NOT NULL,
    rehearsal boolean NOT NULL,
    started_at timestamptz,
    ended_at timestamptz,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX broadcast_session_pull ON archive.broadcast_session (studio_id, txid, server_seq);
CREATE TRIGGER broadcast_session_stamp BEFORE INSERT OR UPDATE ON archive.broadcast_session
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.broadcast_session ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.broadcast_session FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.broadcast_session TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.broadcast_session TO {p}_studio;

CREATE TABLE archive.guest (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    session_id uuid NOT NULL,
    position bigint NOT NULL,
    name text NOT NULL,
    title text NOT NULL,
    department text NOT NULL,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX guest_pull ON archive.guest (studio_id, txid, server_seq);
CREATE TRIGGER guest_stamp BEFORE INSERT OR UPDATE ON archive.guest
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.guest ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.guest FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.guest TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.guest TO {p}_studio;

CREATE TABLE archive.agenda_item (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    session_id uuid NOT NULL,
    position bigint NOT NULL,
    title text NOT NULL,
    planned_minutes bigint NOT NULL,
    scene_name text NOT NULL,
    speaker_id uuid,
    notes text NOT NULL,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX agenda_item_pull ON archive.agenda_item (studio_id, txid, server_seq);
CREATE TRIGGER agenda_item_stamp BEFORE INSERT OR UPDATE ON archive.agenda_item
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.agenda_item ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.agenda_item FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.agenda_item TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.agenda_item TO {p}_studio;

CREATE TABLE archive.question (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    session_id uuid NOT NULL,
    text text NOT NULL,
    display_text text NOT NULL,
    asker text NOT NULL,
    phone text NOT NULL,
    channel text NOT NULL,
    category text NOT NULL,
    received_at timestamptz NOT NULL,
    state text NOT NULL,
    rejection_reason text,
    rejection_note text NOT NULL,
    merged_into uuid,
    ask_count bigint NOT NULL,
    queue_position bigint,
    sensitive_override boolean NOT NULL,
    updated_at timestamptz NOT NULL,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX question_pull ON archive.question (studio_id, txid, server_seq);
CREATE TRIGGER question_stamp BEFORE INSERT OR UPDATE ON archive.question
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.question ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.question FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.question TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.question TO {p}_studio;

CREATE TABLE archive.answer (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    question_id uuid NOT NULL,
    summary text NOT NULL,
    answered_by text NOT NULL,
    role text NOT NULL,
    department text NOT NULL,
    created_at timestamptz NOT NULL,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX answer_pull ON archive.answer (studio_id, txid, server_seq);
CREATE TRIGGER answer_stamp BEFORE INSERT OR UPDATE ON archive.answer
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.answer ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.answer FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.answer TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.answer TO {p}_studio;

CREATE TABLE archive.question_airing (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    session_id uuid NOT NULL,
    question_id uuid NOT NULL,
    started_at timestamptz NOT NULL,
    ended_at timestamptz,
    start_record_ms bigint,
    start_stream_ms bigint,
    end_record_ms bigint,
    end_stream_ms bigint,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX question_airing_pull ON archive.question_airing (studio_id, txid, server_seq);
CREATE TRIGGER question_airing_stamp BEFORE INSERT OR UPDATE ON archive.question_airing
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.question_airing ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.question_airing FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.question_airing TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.question_airing TO {p}_studio;

CREATE TABLE archive.follow_up (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    session_id uuid NOT NULL,
    question_id uuid,
    promise text NOT NULL,
    lead_department_id uuid NOT NULL,
    supporting_department_ids jsonb NOT NULL,
    responsible_person text NOT NULL,
    deadline date,
    resident_contact text NOT NULL,
    created_at timestamptz NOT NULL,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX follow_up_pull ON archive.follow_up (studio_id, txid, server_seq);
CREATE TRIGGER follow_up_stamp BEFORE INSERT OR UPDATE ON archive.follow_up
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.follow_up ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.follow_up FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.follow_up TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.follow_up TO {p}_studio;

CREATE TABLE archive.follow_up_event (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    follow_up_id uuid NOT NULL,
    kind text NOT NULL,
    status text,
    text text NOT NULL,
    author text NOT NULL,
    origin text NOT NULL,
    at timestamptz NOT NULL,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX follow_up_event_pull ON archive.follow_up_event (studio_id, txid, server_seq);
CREATE TRIGGER follow_up_event_stamp BEFORE INSERT OR UPDATE ON archive.follow_up_event
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.follow_up_event ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.follow_up_event FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.follow_up_event TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- Append-only: no UPDATE and no DELETE for anyone.
GRANT SELECT, INSERT ON archive.follow_up_event TO {p}_studio;

CREATE TABLE archive.audit_entry (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    at timestamptz NOT NULL,
    operator text NOT NULL,
    action text NOT NULL,
    entity text NOT NULL,
    entity_id uuid NOT NULL,
    session_id uuid,
    before jsonb,
    after jsonb,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX audit_entry_pull ON archive.audit_entry (studio_id, txid, server_seq);
CREATE TRIGGER audit_entry_stamp BEFORE INSERT OR UPDATE ON archive.audit_entry
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.audit_entry ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.audit_entry FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.audit_entry TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- Append-only: no UPDATE and no DELETE for anyone.
GRANT SELECT, INSERT ON archive.audit_entry TO {p}_studio;

CREATE TABLE archive.output_run (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    session_id uuid NOT NULL,
    kind text NOT NULL,
    started_at timestamptz NOT NULL,
    stopped_at timestamptz,
    path text NOT NULL,
    interrupted boolean NOT NULL,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX output_run_pull ON archive.output_run (studio_id, txid, server_seq);
CREATE TRIGGER output_run_stamp BEFORE INSERT OR UPDATE ON archive.output_run
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.output_run ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.output_run FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.output_run TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.output_run TO {p}_studio;

CREATE TABLE archive.agenda_mark (
    id uuid PRIMARY KEY,
    studio_id uuid NOT NULL,
    hlc bigint NOT NULL,
    deleted boolean NOT NULL DEFAULT false,
    session_id uuid NOT NULL,
    agenda_item_id uuid NOT NULL,
    at timestamptz NOT NULL,
    record_ms bigint,
    stream_ms bigint,
    scene_name text NOT NULL,
    server_seq bigint NOT NULL,
    txid xid8 NOT NULL,
    server_time timestamptz NOT NULL
);
CREATE INDEX agenda_mark_pull ON archive.agenda_mark (studio_id, txid, server_seq);
CREATE TRIGGER agenda_mark_stamp BEFORE INSERT OR UPDATE ON archive.agenda_mark
    FOR EACH ROW EXECUTE FUNCTION archive.stamp();
ALTER TABLE archive.agenda_mark ENABLE ROW LEVEL SECURITY;
ALTER TABLE archive.agenda_mark FORCE ROW LEVEL SECURITY;
CREATE POLICY studio_rows ON archive.agenda_mark TO {p}_studio
    USING (studio_id = (SELECT archive.my_studio()))
    WITH CHECK (studio_id = (SELECT archive.my_studio()));
-- No DELETE: rows are tombstoned (deleted = true), never removed.
GRANT SELECT, INSERT, UPDATE ON archive.agenda_mark TO {p}_studio;

-- The county's own department list (owned by the county id) is readable by everyone.
CREATE POLICY county_departments ON archive.department FOR SELECT TO {p}_studio, {p}_dept
    USING (studio_id = '00000000-0000-0000-0000-000000000000');
CREATE POLICY own_departments ON archive.department FOR SELECT TO {p}_dept
    USING (id = ANY (archive.my_departments()));
GRANT SELECT ON archive.department TO {p}_dept;

-- Departments read the follow-ups they lead or support, and append their own events to them.
CREATE POLICY department_follow_ups ON archive.follow_up FOR SELECT TO {p}_dept
    USING (lead_department_id = ANY (archive.my_departments())
           OR supporting_department_ids ?| (SELECT archive.my_department_texts()));
GRANT SELECT ON archive.follow_up TO {p}_dept;
-- Only events of the follow-up's own studio: a studio may name any follow-up id in its rows.
CREATE POLICY department_events_read ON archive.follow_up_event FOR SELECT TO {p}_dept
    USING (EXISTS (
        SELECT 1 FROM archive.follow_up f
        WHERE f.id = follow_up_id AND f.studio_id = follow_up_event.studio_id));
CREATE POLICY department_events_add ON archive.follow_up_event FOR INSERT TO {p}_dept
    WITH CHECK (origin = 'department' AND EXISTS (
        SELECT 1 FROM archive.follow_up f
        WHERE f.id = follow_up_id AND f.studio_id = follow_up_event.studio_id));
GRANT SELECT, INSERT ON archive.follow_up_event TO {p}_dept;

RESET ROLE;
