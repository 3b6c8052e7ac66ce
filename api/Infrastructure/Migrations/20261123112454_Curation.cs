using System;
using FrontrunnerAtlas.Api.Catalogue;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace FrontrunnerAtlas.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class Curation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "practices",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<PublicationStatus>(
                name: "status",
                table: "places",
                type: "publication_status",
                nullable: false,
                defaultValue: PublicationStatus.Published); // rows that exist were published

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "places",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "mentorships",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<PublicationStatus>(
                name: "status",
                table: "memberships",
                type: "publication_status",
                nullable: false,
                defaultValue: PublicationStatus.Published); // rows that exist were published

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "memberships",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<PublicationStatus>(
                name: "status",
                table: "initiatives",
                type: "publication_status",
                nullable: false,
                defaultValue: PublicationStatus.Published); // rows that exist were published

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "initiatives",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<PublicationStatus>(
                name: "status",
                table: "events",
                type: "publication_status",
                nullable: false,
                defaultValue: PublicationStatus.Published); // rows that exist were published

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "events",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.AddColumn<PublicationStatus>(
                name: "status",
                table: "commitments",
                type: "publication_status",
                nullable: false,
                defaultValue: PublicationStatus.Published); // rows that exist were published

            migrationBuilder.AddColumn<uint>(
                name: "xmin",
                table: "commitments",
                type: "xid",
                rowVersion: true,
                nullable: false,
                defaultValue: 0u);

            migrationBuilder.CreateTable(
                name: "audit_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    key_id = table.Column<Guid>(type: "uuid", nullable: true),
                    key_name = table.Column<string>(type: "text", nullable: false),
                    action = table.Column<string>(type: "text", nullable: false),
                    entity = table.Column<string>(type: "text", nullable: false),
                    entity_id = table.Column<string>(type: "text", nullable: false),
                    before = table.Column<string>(type: "jsonb", nullable: true),
                    after = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_audit_entries", x => x.id);
                });

            migrationBuilder.CreateIndex(
                name: "ix_audit_entries_entity_entity_id",
                table: "audit_entries",
                columns: new[] { "entity", "entity_id" });
        
            // Mentorship changes move the catalogue version too (mentor rankings count open mentorships).
            migrationBuilder.Sql("CREATE TRIGGER mentorships_search_log AFTER INSERT OR UPDATE OR DELETE ON mentorships FOR EACH ROW EXECUTE FUNCTION atlas_log_change();");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP TRIGGER IF EXISTS mentorships_search_log ON mentorships;");

            migrationBuilder.DropTable(
                name: "audit_entries");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "practices");

            migrationBuilder.DropColumn(
                name: "status",
                table: "places");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "places");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "mentorships");

            migrationBuilder.DropColumn(
                name: "status",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "status",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "initiatives");

            migrationBuilder.DropColumn(
                name: "status",
                table: "events");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "events");

            migrationBuilder.DropColumn(
                name: "status",
                table: "commitments");

            migrationBuilder.DropColumn(
                name: "xmin",
                table: "commitments");
        }
    }
}
