using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FrontrunnerAtlas.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class SearchChangeLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // The search index follows the database through this log: every change of a searchable table
            // is appended here and announced on the channel atlas_changes, so that every instance of the
            // service (each with its own index) can apply it, also when another instance made the change.
            migrationBuilder.Sql("""
                CREATE TABLE search_changes (
                    id bigserial PRIMARY KEY,
                    entity text NOT NULL,
                    entity_id text NOT NULL,
                    changed_at timestamptz NOT NULL DEFAULT now()
                );

                CREATE FUNCTION atlas_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF TG_TABLE_NAME IN ('memberships', 'commitments') THEN
                        -- These rows change the documents of their place (and, for memberships, initiative).
                        IF TG_OP <> 'INSERT' THEN
                            INSERT INTO search_changes (entity, entity_id) VALUES ('places', OLD.place_id);
                            IF TG_TABLE_NAME = 'memberships' THEN
                                INSERT INTO search_changes (entity, entity_id) VALUES ('initiatives', OLD.initiative_id);
                            END IF;
                        END IF;
                        IF TG_OP <> 'DELETE' THEN
                            INSERT INTO search_changes (entity, entity_id) VALUES ('places', NEW.place_id);
                            IF TG_TABLE_NAME = 'memberships' THEN
                                INSERT INTO search_changes (entity, entity_id) VALUES ('initiatives', NEW.initiative_id);
                            END IF;
                        END IF;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO search_changes (entity, entity_id) VALUES (TG_TABLE_NAME, OLD.id);
                    ELSE
                        INSERT INTO search_changes (entity, entity_id) VALUES (TG_TABLE_NAME, NEW.id);
                    END IF;
                    -- One notification per transaction and table: PostgreSQL folds identical payloads.
                    PERFORM pg_notify('atlas_changes', TG_TABLE_NAME);
                    RETURN NULL;
                END $$;

                CREATE TRIGGER places_search_log AFTER INSERT OR UPDATE OR DELETE ON places FOR EACH ROW EXECUTE FUNCTION atlas_log_change();
                CREATE TRIGGER practices_search_log AFTER INSERT OR UPDATE OR DELETE ON practices FOR EACH ROW EXECUTE FUNCTION atlas_log_change();
                CREATE TRIGGER initiatives_search_log AFTER INSERT OR UPDATE OR DELETE ON initiatives FOR EACH ROW EXECUTE FUNCTION atlas_log_change();
                CREATE TRIGGER events_search_log AFTER INSERT OR UPDATE OR DELETE ON events FOR EACH ROW EXECUTE FUNCTION atlas_log_change();
                CREATE TRIGGER memberships_search_log AFTER INSERT OR UPDATE OR DELETE ON memberships FOR EACH ROW EXECUTE FUNCTION atlas_log_change();
                CREATE TRIGGER commitments_search_log AFTER INSERT OR UPDATE OR DELETE ON commitments FOR EACH ROW EXECUTE FUNCTION atlas_log_change();
                """);


        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS places_search_log ON places;
                DROP TRIGGER IF EXISTS practices_search_log ON practices;
                DROP TRIGGER IF EXISTS initiatives_search_log ON initiatives;
                DROP TRIGGER IF EXISTS events_search_log ON events;
                DROP TRIGGER IF EXISTS memberships_search_log ON memberships;
                DROP TRIGGER IF EXISTS commitments_search_log ON commitments;
                DROP FUNCTION IF EXISTS atlas_log_change();
                DROP TABLE IF EXISTS search_changes;
                """);


        }
    }
}
