using System;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;

#nullable disable

namespace FrontrunnerAtlas.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Towns : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "towns",
                columns: table => new
                {
                    geo_names_id = table.Column<long>(type: "bigint", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    name_folded = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    country = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    admin1_code = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    feature_code = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    population = table.Column<int>(type: "integer", nullable: true),
                    latitude = table.Column<double>(type: "double precision", nullable: false),
                    longitude = table.Column<double>(type: "double precision", nullable: false),
                    location = table.Column<Point>(type: "geometry(Point,4326)", nullable: false, computedColumnSql: "ST_SetSRID(ST_MakePoint(longitude, latitude), 4326)", stored: true),
                    place_id = table.Column<string>(type: "character varying(80)", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_towns", x => x.geo_names_id);
                    table.CheckConstraint("ck_towns_country", "country ~ '^[A-Z]{2}$'");
                    table.CheckConstraint("ck_towns_latitude", "latitude BETWEEN -90 AND 90");
                    table.CheckConstraint("ck_towns_longitude", "longitude BETWEEN -180 AND 180");
                    table.CheckConstraint("ck_towns_population", "population > 0");
                    table.ForeignKey(
                        name: "fk_towns_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "towns_version",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false),
                    source = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    towns = table.Column<int>(type: "integer", nullable: false),
                    loaded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_towns_version", x => x.id);
                    table.CheckConstraint("ck_towns_version_single", "id = 1");
                });

            migrationBuilder.CreateIndex(
                name: "ix_places_geo_names_id",
                table: "places",
                column: "geo_names_id");

            migrationBuilder.CreateIndex(
                name: "ix_towns_country",
                table: "towns",
                column: "country");

            migrationBuilder.CreateIndex(
                name: "ix_towns_location",
                table: "towns",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_towns_place_id",
                table: "towns",
                column: "place_id");

            // Distances in metres from a town (nearest places, a mentor finder) cast to geography, as for places.
            migrationBuilder.Sql("CREATE INDEX ix_towns_location_geography ON towns USING gist ((location::geography));");

            // A town's catalogue place: the published city or municipality with its GeoNames id (the first by id if
            // several). Regions and LAG areas borrow a stand-in town's id (data/README.md), so they are not that town.
            // ids NULL relinks every town (the loader); otherwise the towns of those ids (the trigger below).
            migrationBuilder.Sql("""
                CREATE FUNCTION atlas_link_towns(ids bigint[]) RETURNS integer LANGUAGE sql AS $$
                    WITH best AS (
                        SELECT DISTINCT ON (p.geo_names_id) p.geo_names_id, p.id
                        FROM places p
                        WHERE p.status = 'published' AND p.kind IN ('city', 'municipality') AND p.geo_names_id IS NOT NULL
                          AND (ids IS NULL OR p.geo_names_id = ANY (ids))
                        ORDER BY p.geo_names_id, p.id),
                    wanted AS (
                        SELECT t.geo_names_id, best.id
                        FROM towns t LEFT JOIN best ON best.geo_names_id = t.geo_names_id
                        WHERE ids IS NULL OR t.geo_names_id = ANY (ids)),
                    linked AS (
                        UPDATE towns t SET place_id = w.id
                        FROM wanted w
                        WHERE t.geo_names_id = w.geo_names_id AND t.place_id IS DISTINCT FROM w.id
                        RETURNING 1)
                    SELECT count(*)::integer FROM linked
                $$;
                """);
            // The link follows every change of places, whoever makes it (import, curation API, SQL): a place
            // created, published, unpublished, deleted or given another GeoNames id or kind.
            migrationBuilder.Sql("""
                CREATE FUNCTION atlas_places_link_towns() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    -- Most places (and every synthetic one) have no GeoNames id: nothing to link, and no scan of the towns.
                    IF OLD.geo_names_id IS NULL AND NEW.geo_names_id IS NULL THEN RETURN NULL; END IF;
                    PERFORM atlas_link_towns(array_remove(ARRAY[OLD.geo_names_id, NEW.geo_names_id], NULL));
                    RETURN NULL;
                END $$;
                CREATE TRIGGER places_link_towns AFTER INSERT OR DELETE OR UPDATE OF geo_names_id, status, kind ON places
                    FOR EACH ROW EXECUTE FUNCTION atlas_places_link_towns();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS places_link_towns ON places;");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS atlas_places_link_towns();");
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS atlas_link_towns(bigint[]);");

            migrationBuilder.DropTable(
                name: "towns");

            migrationBuilder.DropTable(
                name: "towns_version");

            migrationBuilder.DropIndex(
                name: "ix_places_geo_names_id",
                table: "places");
        }
    }
}
