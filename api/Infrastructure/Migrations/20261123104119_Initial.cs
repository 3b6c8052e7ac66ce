using System;
using System.Collections.Generic;
using FrontrunnerAtlas.Api.Catalogue;
using Microsoft.EntityFrameworkCore.Migrations;
using NetTopologySuite.Geometries;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FrontrunnerAtlas.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Initial : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:api_role", "editor,place_representative,reviewer")
                .Annotation("Npgsql:Enum:commitment_kind", "climate_target,network_commitment,programme")
                .Annotation("Npgsql:Enum:initiative_kind", "forum,network,programme,project")
                .Annotation("Npgsql:Enum:membership_role", "co_initiator,committed,follower,forerunner,host,lead_partner,member,participant,partner")
                .Annotation("Npgsql:Enum:mentorship_status", "accepted,active,completed,declined,planned,requested")
                .Annotation("Npgsql:Enum:place_kind", "city,municipality,region,village_area")
                .Annotation("Npgsql:Enum:place_role", "follower,frontrunner,peer")
                .Annotation("Npgsql:Enum:publication_status", "draft,published")
                .Annotation("Npgsql:Enum:theme", "energy,mobility,spatial_planning")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    role = table.Column<ApiRole>(type: "api_role", nullable: false),
                    place_id = table.Column<string>(type: "text", nullable: true),
                    prefix = table.Column<string>(type: "text", nullable: false),
                    key_hash = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "initiatives",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    local_name = table.Column<string>(type: "text", nullable: true),
                    kind = table.Column<InitiativeKind>(type: "initiative_kind", nullable: false),
                    coordinator = table.Column<string>(type: "text", nullable: true),
                    programme = table.Column<string>(type: "text", nullable: true),
                    reference_number = table.Column<string>(type: "text", nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: true),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    period_label = table.Column<string>(type: "text", nullable: true),
                    budget_amount = table.Column<decimal>(type: "numeric", nullable: true),
                    budget_currency = table.Column<string>(type: "text", nullable: true),
                    budget_note = table.Column<string>(type: "text", nullable: true),
                    aims = table.Column<List<string>>(type: "text[]", nullable: false),
                    website = table.Column<string>(type: "text", nullable: true),
                    themes = table.Column<List<Theme>>(type: "theme[]", nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    external = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_initiatives", x => x.id);
                    table.CheckConstraint("ck_initiatives_budget", "budget_amount >= 0");
                    table.CheckConstraint("ck_initiatives_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                    table.CheckConstraint("ck_initiatives_period", "end_date IS NULL OR start_date IS NULL OR end_date >= start_date");
                });

            migrationBuilder.CreateTable(
                name: "places",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    local_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    kind = table.Column<PlaceKind>(type: "place_kind", nullable: false),
                    country = table.Column<string>(type: "character(2)", fixedLength: true, maxLength: 2, nullable: false),
                    latitude = table.Column<double>(type: "double precision", nullable: true),
                    longitude = table.Column<double>(type: "double precision", nullable: true),
                    location = table.Column<Point>(type: "geometry(Point,4326)", nullable: true, computedColumnSql: "CASE WHEN latitude IS NULL OR longitude IS NULL THEN NULL ELSE ST_SetSRID(ST_MakePoint(longitude, latitude), 4326) END", stored: true),
                    population = table.Column<int>(type: "integer", nullable: true),
                    geo_names_id = table.Column<long>(type: "bigint", nullable: true),
                    role = table.Column<PlaceRole>(type: "place_role", nullable: false),
                    role_note = table.Column<string>(type: "text", nullable: true),
                    interest_themes = table.Column<List<Theme>>(type: "theme[]", nullable: false),
                    interest_tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    languages = table.Column<List<string>>(type: "text[]", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    external = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_places", x => x.id);
                    table.CheckConstraint("ck_places_country", "country ~ '^[A-Z]{2}$'");
                    table.CheckConstraint("ck_places_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                    table.CheckConstraint("ck_places_lat_lon_together", "(latitude IS NULL) = (longitude IS NULL)");
                    table.CheckConstraint("ck_places_latitude", "latitude BETWEEN -90 AND 90");
                    table.CheckConstraint("ck_places_longitude", "longitude BETWEEN -180 AND 180");
                    table.CheckConstraint("ck_places_population", "population >= 0");
                });

            migrationBuilder.CreateTable(
                name: "tags",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    label = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    description = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_tags", x => x.id);
                    table.CheckConstraint("ck_tags_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                });

            migrationBuilder.CreateTable(
                name: "commitments",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    place_id = table.Column<string>(type: "character varying(80)", nullable: false),
                    initiative_id = table.Column<string>(type: "character varying(80)", nullable: true),
                    kind = table.Column<CommitmentKind>(type: "commitment_kind", nullable: false),
                    title = table.Column<string>(type: "text", nullable: false),
                    target_year = table.Column<int>(type: "integer", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    external = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_commitments", x => x.id);
                    table.CheckConstraint("ck_commitments_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                    table.CheckConstraint("ck_commitments_target_year", "target_year BETWEEN 1900 AND 2200");
                    table.ForeignKey(
                        name: "fk_commitments_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_commitments_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "events",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    initiative_id = table.Column<string>(type: "character varying(80)", nullable: true),
                    title = table.Column<string>(type: "text", nullable: false),
                    local_title = table.Column<string>(type: "text", nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: true),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    date_label = table.Column<string>(type: "text", nullable: true),
                    host_place_id = table.Column<string>(type: "character varying(80)", nullable: true),
                    location_label = table.Column<string>(type: "text", nullable: true),
                    @virtual = table.Column<bool>(name: "virtual", type: "boolean", nullable: false),
                    format = table.Column<string>(type: "text", nullable: true),
                    topics = table.Column<List<string>>(type: "text[]", nullable: false),
                    themes = table.Column<List<Theme>>(type: "theme[]", nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    summary = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    external = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_events", x => x.id);
                    table.CheckConstraint("ck_events_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                    table.CheckConstraint("ck_events_period", "end_date IS NULL OR start_date IS NULL OR end_date >= start_date");
                    table.ForeignKey(
                        name: "fk_events_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_events_places_host_place_id",
                        column: x => x.host_place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "memberships",
                columns: table => new
                {
                    id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    place_id = table.Column<string>(type: "character varying(80)", nullable: false),
                    initiative_id = table.Column<string>(type: "character varying(80)", nullable: false),
                    role = table.Column<MembershipRole>(type: "membership_role", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    external = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_memberships", x => x.id);
                    table.ForeignKey(
                        name: "fk_memberships_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_memberships_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "mentorships",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    mentor_place_id = table.Column<string>(type: "character varying(80)", nullable: true),
                    mentee_place_id = table.Column<string>(type: "character varying(80)", nullable: false),
                    initiative_id = table.Column<string>(type: "character varying(80)", nullable: true),
                    themes = table.Column<List<Theme>>(type: "theme[]", nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    planned_days = table.Column<int>(type: "integer", nullable: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: true),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    period_label = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<MentorshipStatus>(type: "mentorship_status", nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    source = table.Column<string>(type: "text", nullable: false),
                    external = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mentorships", x => x.id);
                    table.CheckConstraint("ck_mentorships_days", "planned_days >= 0");
                    table.CheckConstraint("ck_mentorships_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                    table.CheckConstraint("ck_mentorships_not_self", "mentor_place_id IS NULL OR mentor_place_id <> mentee_place_id");
                    table.ForeignKey(
                        name: "fk_mentorships_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_mentorships_places_mentee_place_id",
                        column: x => x.mentee_place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_mentorships_places_mentor_place_id",
                        column: x => x.mentor_place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "practices",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    local_title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    summary = table.Column<string>(type: "text", nullable: false),
                    description = table.Column<string>(type: "text", nullable: true),
                    local_text = table.Column<string>(type: "text", nullable: true),
                    language = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: true),
                    place_id = table.Column<string>(type: "character varying(80)", nullable: true),
                    initiative_id = table.Column<string>(type: "character varying(80)", nullable: true),
                    themes = table.Column<List<Theme>>(type: "theme[]", nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    is_integrated = table.Column<bool>(type: "boolean", nullable: false, computedColumnSql: "cardinality(themes) >= 2", stored: true),
                    start_date = table.Column<DateOnly>(type: "date", nullable: true),
                    end_date = table.Column<DateOnly>(type: "date", nullable: true),
                    period_label = table.Column<string>(type: "text", nullable: true),
                    budget_amount = table.Column<decimal>(type: "numeric", nullable: true),
                    budget_currency = table.Column<string>(type: "text", nullable: true),
                    budget_note = table.Column<string>(type: "text", nullable: true),
                    contact_organisation = table.Column<string>(type: "text", nullable: true),
                    contact_role = table.Column<string>(type: "text", nullable: true),
                    transferability = table.Column<string>(type: "text", nullable: true),
                    status = table.Column<PublicationStatus>(type: "publication_status", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false),
                    external = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    documents = table.Column<string>(type: "jsonb", nullable: true),
                    kpis = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_practices", x => x.id);
                    table.CheckConstraint("ck_practices_budget", "budget_amount >= 0");
                    table.CheckConstraint("ck_practices_currency", "budget_currency ~ '^[A-Z]{3}$'");
                    table.CheckConstraint("ck_practices_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                    table.CheckConstraint("ck_practices_period", "end_date IS NULL OR start_date IS NULL OR end_date >= start_date");
                    table.ForeignKey(
                        name: "fk_practices_initiatives_initiative_id",
                        column: x => x.initiative_id,
                        principalTable: "initiatives",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                    table.ForeignKey(
                        name: "fk_practices_places_place_id",
                        column: x => x.place_id,
                        principalTable: "places",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_key_hash",
                table: "api_keys",
                column: "key_hash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_commitments_initiative_id",
                table: "commitments",
                column: "initiative_id");

            migrationBuilder.CreateIndex(
                name: "ix_commitments_place_id",
                table: "commitments",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_host_place_id",
                table: "events",
                column: "host_place_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_initiative_id",
                table: "events",
                column: "initiative_id");

            migrationBuilder.CreateIndex(
                name: "ix_events_start_date",
                table: "events",
                column: "start_date");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_initiative_id",
                table: "memberships",
                column: "initiative_id");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_place_id_initiative_id_role",
                table: "memberships",
                columns: new[] { "place_id", "initiative_id", "role" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_mentorships_initiative_id",
                table: "mentorships",
                column: "initiative_id");

            migrationBuilder.CreateIndex(
                name: "ix_mentorships_mentee_place_id",
                table: "mentorships",
                column: "mentee_place_id");

            migrationBuilder.CreateIndex(
                name: "ix_mentorships_mentor_place_id",
                table: "mentorships",
                column: "mentor_place_id");

            migrationBuilder.CreateIndex(
                name: "ix_places_country",
                table: "places",
                column: "country");

            migrationBuilder.CreateIndex(
                name: "ix_places_location",
                table: "places",
                column: "location")
                .Annotation("Npgsql:IndexMethod", "gist");

            migrationBuilder.CreateIndex(
                name: "ix_places_role",
                table: "places",
                column: "role");

            migrationBuilder.CreateIndex(
                name: "ix_practices_initiative_id",
                table: "practices",
                column: "initiative_id");

            migrationBuilder.CreateIndex(
                name: "ix_practices_place_id",
                table: "practices",
                column: "place_id");

            migrationBuilder.CreateIndex(
                name: "ix_practices_status",
                table: "practices",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_practices_tags",
                table: "practices",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_practices_themes",
                table: "practices",
                column: "themes")
                .Annotation("Npgsql:IndexMethod", "gin");
        
            // Distance queries in metres cast the column to geography; this expression index is what lets
            // ST_DWithin(location::geography, ...) use an index instead of scanning every place.
            migrationBuilder.Sql("CREATE INDEX ix_places_location_geography ON places USING gist ((location::geography));");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP INDEX IF EXISTS ix_places_location_geography;");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "commitments");

            migrationBuilder.DropTable(
                name: "events");

            migrationBuilder.DropTable(
                name: "memberships");

            migrationBuilder.DropTable(
                name: "mentorships");

            migrationBuilder.DropTable(
                name: "practices");

            migrationBuilder.DropTable(
                name: "tags");

            migrationBuilder.DropTable(
                name: "initiatives");

            migrationBuilder.DropTable(
                name: "places");
        }
    }
}
