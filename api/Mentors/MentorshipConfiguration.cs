using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Mentors;

internal sealed class MentorshipConfiguration : IEntityTypeConfiguration<Mentorship>
{
    public void Configure(EntityTypeBuilder<Mentorship> b)
    {
        b.HasSlugKey("mentorships");
        b.ToTable("mentorships", t =>
        {
            t.HasCheckConstraint("ck_mentorships_days", "planned_days >= 0");
            t.HasCheckConstraint("ck_mentorships_not_self", "mentor_place_id IS NULL OR mentor_place_id <> mentee_place_id");
        });
        b.HasOne(m => m.MentorPlace).WithMany(p => p.MentorOf).HasForeignKey(m => m.MentorPlaceId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(m => m.MenteePlace).WithMany(p => p.MenteeOf).HasForeignKey(m => m.MenteePlaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Initiative).WithMany(i => i.Mentorships).HasForeignKey(m => m.InitiativeId).OnDelete(DeleteBehavior.SetNull);
        b.Property(m => m.Message).HasMaxLength(2000);
        b.HasIndex(m => new { m.MentorPlaceId, m.Status });
        // One open mentorship per pair: the second "Send the request" is a 409, also when two arrive at once.
        b.HasIndex(m => new { m.MentorPlaceId, m.MenteePlaceId }).IsUnique()
            .HasDatabaseName("ux_mentorships_open_pair")
            .HasFilter("mentor_place_id IS NOT NULL AND status IN ('planned', 'requested', 'accepted', 'active')");
        b.Property(m => m.CreatedAt).HasDefaultValueSql("now()");
        b.Property(m => m.UpdatedAt).HasDefaultValueSql("now()");
    }
}
