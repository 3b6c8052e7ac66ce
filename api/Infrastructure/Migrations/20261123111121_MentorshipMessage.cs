using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace FrontrunnerAtlas.Api.Infrastructure.Migrations
{
    /// <inheritdoc />
    public partial class MentorshipMessage : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_mentorships_mentor_place_id",
                table: "mentorships");

            migrationBuilder.AddColumn<string>(
                name: "message",
                table: "mentorships",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "ix_mentorships_mentor_place_id_status",
                table: "mentorships",
                columns: new[] { "mentor_place_id", "status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_mentorships_mentor_place_id_status",
                table: "mentorships");

            migrationBuilder.DropColumn(
                name: "message",
                table: "mentorships");

            migrationBuilder.CreateIndex(
                name: "ix_mentorships_mentor_place_id",
                table: "mentorships",
                column: "mentor_place_id");
        }
    }
}
