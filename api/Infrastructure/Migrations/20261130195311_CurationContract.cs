using System;
using System.Collections.Generic;
using FrontrunnerAtlas.Api.Catalogue;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FrontrunnerAtlas.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class CurationContract : Migration
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
                .Annotation("Npgsql:Enum:role_source", "external,reading,seed")
                .Annotation("Npgsql:Enum:theme", "energy,mobility,spatial_planning")
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:Enum:api_role", "editor,place_representative,reviewer")
                .OldAnnotation("Npgsql:Enum:commitment_kind", "climate_target,network_commitment,programme")
                .OldAnnotation("Npgsql:Enum:initiative_kind", "forum,network,programme,project")
                .OldAnnotation("Npgsql:Enum:membership_role", "co_initiator,committed,follower,forerunner,host,lead_partner,member,participant,partner")
                .OldAnnotation("Npgsql:Enum:mentorship_status", "accepted,active,completed,declined,planned,requested")
                .OldAnnotation("Npgsql:Enum:place_kind", "city,municipality,region,village_area")
                .OldAnnotation("Npgsql:Enum:place_role", "follower,frontrunner,peer")
                .OldAnnotation("Npgsql:Enum:publication_status", "draft,published")
                .OldAnnotation("Npgsql:Enum:theme", "energy,mobility,spatial_planning")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "curated_at",
                table: "practices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "curator_note",
                table: "practices",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "imported_at",
                table: "practices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "practices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<Theme>>(
                name: "theme_readings",
                table: "practices",
                type: "theme[]",
                nullable: false,
                defaultValueSql: "\'{}\'");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "curated_at",
                table: "places",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "curator_note",
                table: "places",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "imported_at",
                table: "places",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "places",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<RoleSource>(
                name: "role_source",
                table: "places",
                type: "role_source",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "curated_at",
                table: "mentorships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "curator_note",
                table: "mentorships",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "imported_at",
                table: "mentorships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "curated_at",
                table: "memberships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "curator_note",
                table: "memberships",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "imported_at",
                table: "memberships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "memberships",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "curated_at",
                table: "initiatives",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "curator_note",
                table: "initiatives",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "imported_at",
                table: "initiatives",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "initiatives",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<Theme>>(
                name: "theme_readings",
                table: "initiatives",
                type: "theme[]",
                nullable: false,
                defaultValueSql: "\'{}\'");

            migrationBuilder.AlterColumn<bool>(
                name: "virtual",
                table: "events",
                type: "boolean",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "boolean");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "curated_at",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "curator_note",
                table: "events",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "imported_at",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "events",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<List<Theme>>(
                name: "theme_readings",
                table: "events",
                type: "theme[]",
                nullable: false,
                defaultValueSql: "\'{}\'");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "curated_at",
                table: "commitments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "curator_note",
                table: "commitments",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "imported_at",
                table: "commitments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "published_at",
                table: "commitments",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "revisions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    entity = table.Column<string>(type: "text", nullable: false),
                    entity_id = table.Column<string>(type: "text", nullable: false),
                    record = table.Column<string>(type: "jsonb", nullable: false),
                    base_version = table.Column<long>(type: "bigint", nullable: false),
                    author = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_revisions", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "sources",
                columns: table => new
                {
                    id = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    title = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    url = table.Column<string>(type: "text", nullable: true),
                    file = table.Column<string>(type: "text", nullable: true),
                    language = table.Column<string>(type: "text", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_sources", x => x.id);
                    table.CheckConstraint("ck_sources_id_slug", "id ~ '^[a-z0-9]+(-[a-z0-9]+)*$'");
                });

            migrationBuilder.CreateIndex(
                name: "ix_places_status",
                table: "places",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_memberships_status",
                table: "memberships",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_initiatives_status",
                table: "initiatives",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_events_status",
                table: "events",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_commitments_status",
                table: "commitments",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_revisions_entity_entity_id",
                table: "revisions",
                columns: new[] { "entity", "entity_id" },
                unique: true);

            // What is published now was published once; what the audit log shows changed through the API since
            // its creation is curated work that a re-import must not undo.
            foreach (var table in new[] { "places", "practices", "initiatives", "events", "memberships", "commitments" })
            {
                migrationBuilder.Sql($"UPDATE {table} SET published_at = now() WHERE status = 'published'");
                migrationBuilder.Sql($"""
                    UPDATE {table} t SET curated_at = a.at
                    FROM (SELECT entity_id, max(at) AS at FROM audit_entries
                          WHERE entity = '{table}' AND action IN ('update', 'publish', 'unpublish', 'create')
                          GROUP BY entity_id) a
                    WHERE a.entity_id = t.id::text
                    """);
            }
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "revisions");

            migrationBuilder.DropTable(
                name: "sources");

            migrationBuilder.DropIndex(
                name: "ix_places_status",
                table: "places");

            migrationBuilder.DropIndex(
                name: "ix_memberships_status",
                table: "memberships");

            migrationBuilder.DropIndex(
                name: "ix_initiatives_status",
                table: "initiatives");

            migrationBuilder.DropIndex(
                name: "ix_events_status",
                table: "events");

            migrationBuilder.DropIndex(
                name: "ix_commitments_status",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "curated_at",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "curator_note",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "imported_at",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "theme_readings",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "curated_at",
                table: "places");

            migrationBuilder.DropColumn(
                name: "curator_note",
                table: "places");

            migrationBuilder.DropColumn(
                name: "imported_at",
                table: "places");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "places");

            migrationBuilder.DropColumn(
                name: "role_source",
                table: "places");

            migrationBuilder.DropColumn(
                name: "curated_at",
                table: "mentorships");

            migrationBuilder.DropColumn(
                name: "curator_note",
                table: "mentorships");

            migrationBuilder.DropColumn(
                name: "imported_at",
                table: "mentorships");

            migrationBuilder.DropColumn(
                name: "curated_at",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "curator_note",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "imported_at",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "curated_at",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "curator_note",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "imported_at",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "theme_readings",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "curated_at",
                table: "events");

            migrationBuilder.DropColumn(
                name: "curator_note",
                table: "events");

            migrationBuilder.DropColumn(
                name: "imported_at",
                table: "events");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "events");

            migrationBuilder.DropColumn(
                name: "theme_readings",
                table: "events");

            migrationBuilder.DropColumn(
                name: "curated_at",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "curator_note",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "imported_at",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "published_at",
                table: "commitments");

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
                .Annotation("Npgsql:PostgresExtension:postgis", ",,")
                .OldAnnotation("Npgsql:Enum:api_role", "editor,place_representative,reviewer")
                .OldAnnotation("Npgsql:Enum:commitment_kind", "climate_target,network_commitment,programme")
                .OldAnnotation("Npgsql:Enum:initiative_kind", "forum,network,programme,project")
                .OldAnnotation("Npgsql:Enum:membership_role", "co_initiator,committed,follower,forerunner,host,lead_partner,member,participant,partner")
                .OldAnnotation("Npgsql:Enum:mentorship_status", "accepted,active,completed,declined,planned,requested")
                .OldAnnotation("Npgsql:Enum:place_kind", "city,municipality,region,village_area")
                .OldAnnotation("Npgsql:Enum:place_role", "follower,frontrunner,peer")
                .OldAnnotation("Npgsql:Enum:publication_status", "draft,published")
                .OldAnnotation("Npgsql:Enum:role_source", "external,reading,seed")
                .OldAnnotation("Npgsql:Enum:theme", "energy,mobility,spatial_planning")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.AlterColumn<bool>(
                name: "virtual",
                table: "events",
                type: "boolean",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "boolean",
                oldNullable: true);
        }
    }
}
