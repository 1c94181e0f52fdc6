-- The audit trail is append-only: rows are inserted, sealed once (seq, prev_hash and hash go from
-- NULL to a value, nothing else changes), and never deleted. Anyone able to bypass this (a superuser
-- disabling the trigger) still cannot hide it: `wangge audit:verify` recomputes the hash chain.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' THEN
    IF OLD.seq IS NULL AND OLD.prev_hash IS NULL AND OLD.hash IS NULL
       AND NEW.seq IS NOT NULL AND NEW.prev_hash IS NOT NULL AND NEW.hash IS NOT NULL
       AND (NEW.id, NEW.at, NEW.actor_kind, NEW.actor_id, NEW.action, NEW.entity_type, NEW.entity_id, NEW.data, NEW.ip)
           IS NOT DISTINCT FROM (OLD.id, OLD.at, OLD.actor_kind, OLD.actor_id, OLD.action, OLD.entity_type, OLD.entity_id, OLD.data, OLD.ip)
    THEN
      RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_log is append-only: a row may only be sealed once, never changed (row %)', OLD.id
      USING ERRCODE = 'insufficient_privilege';
  END IF;
  RAISE EXCEPTION 'audit_log is append-only: rows cannot be deleted or truncated'
    USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only_rows BEFORE UPDATE OR DELETE ON audit_log
  FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();
--> statement-breakpoint
CREATE TRIGGER audit_log_append_only_truncate BEFORE TRUNCATE ON audit_log
  FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
