using System;
using FrontrunnerAtlas.Api.Catalogue;
using FrontrunnerAtlas.Api.Mentors;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FrontrunnerAtlas.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class MentorshipHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:Enum:api_role", "editor,place_representative,reviewer")
                .Annotation("Npgsql:Enum:commitment_kind", "climate_target,network_commitment,programme")
                .Annotation("Npgsql:Enum:initiative_kind", "forum,network,programme,project")
                .Annotation("Npgsql:Enum:membership_role", "co_initiator,committed,follower,forerunner,host,lead_partner,member,participant,partner")
                .Annotation("Npgsql:Enum:mentorship_party", "editor,mentee,mentor")
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
                .OldAnnotation("Npgsql:Enum:role_source", "external,reading,seed")
                .OldAnnotation("Npgsql:Enum:theme", "energy,mobility,spatial_planning")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");

            migrationBuilder.CreateTable(
                name: "mentorship_updates",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    mentorship_id = table.Column<string>(type: "character varying(80)", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    status = table.Column<MentorshipStatus>(type: "mentorship_status", nullable: false),
                    by = table.Column<MentorshipParty>(type: "mentorship_party", nullable: false),
                    message = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_mentorship_updates", x => x.id);
                    table.ForeignKey(
                        name: "fk_mentorship_updates_mentorships_mentorship_id",
                        column: x => x.mentorship_id,
                        principalTable: "mentorships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Requests made through the atlas before there was a history: their request (and message) is its first step.
            migrationBuilder.Sql("""
                INSERT INTO mentorship_updates (mentorship_id, at, status, by, message)
                SELECT id, created_at, 'requested', 'mentee', message FROM mentorships WHERE source = 'atlas';
                """);
            // Before the unique index: a pair asked twice while that was possible keeps its first open request; the
            // later ones are declined, and their history says why.
            migrationBuilder.Sql("""
                WITH later AS (
                    SELECT id FROM (
                        SELECT id, row_number() OVER (PARTITION BY mentor_place_id, mentee_place_id ORDER BY created_at, id) AS n
                        FROM mentorships
                        WHERE mentor_place_id IS NOT NULL AND status IN ('planned', 'requested', 'accepted', 'active')) ranked
                    WHERE n > 1),
                declined AS (UPDATE mentorships SET status = 'declined', updated_at = now() WHERE id IN (SELECT id FROM later) RETURNING id)
                INSERT INTO mentorship_updates (mentorship_id, at, status, by, message)
                SELECT id, now(), 'declined', 'editor', 'Closed as a second open request for the same mentor and mentee.' FROM declined;
                """);

            migrationBuilder.CreateIndex(
                name: "ux_mentorships_open_pair",
                table: "mentorships",
                columns: new[] { "mentor_place_id", "mentee_place_id" },
                unique: true,
                filter: "mentor_place_id IS NOT NULL AND status IN ('planned', 'requested', 'accepted', 'active')");

            migrationBuilder.CreateIndex(
                name: "ix_mentorship_updates_mentorship_id_at",
                table: "mentorship_updates",
                columns: new[] { "mentorship_id", "at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "mentorship_updates");

            migrationBuilder.DropIndex(
                name: "ux_mentorships_open_pair",
                table: "mentorships");

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
                .OldAnnotation("Npgsql:Enum:mentorship_party", "editor,mentee,mentor")
                .OldAnnotation("Npgsql:Enum:mentorship_status", "accepted,active,completed,declined,planned,requested")
                .OldAnnotation("Npgsql:Enum:place_kind", "city,municipality,region,village_area")
                .OldAnnotation("Npgsql:Enum:place_role", "follower,frontrunner,peer")
                .OldAnnotation("Npgsql:Enum:publication_status", "draft,published")
                .OldAnnotation("Npgsql:Enum:role_source", "external,reading,seed")
                .OldAnnotation("Npgsql:Enum:theme", "energy,mobility,spatial_planning")
                .OldAnnotation("Npgsql:PostgresExtension:postgis", ",,");
        }
    }
}
