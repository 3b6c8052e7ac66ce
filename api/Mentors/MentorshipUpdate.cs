using FrontrunnerAtlas.Api.Catalogue;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Mentors;

/// <summary>Who moved a mentorship on: the asking place, the mentor place, or an editor acting for either.</summary>
public enum MentorshipParty { Mentee, Mentor, Editor }

/// <summary>
/// One step of a mentorship's history: the request with its message, then each answer (accepted or declined, with the
/// mentor's message) and each later status. Kept as rows, not overwritten, so that both places see the conversation.
/// </summary>
public sealed class MentorshipUpdate
{
    public long Id { get; set; }
    public string MentorshipId { get; set; } = "";
    public Mentorship? Mentorship { get; set; }
    public DateTimeOffset At { get; set; }
    public MentorshipStatus Status { get; set; }
    public MentorshipParty By { get; set; }
    public string? Message { get; set; }
}

internal sealed class MentorshipUpdateConfiguration : IEntityTypeConfiguration<MentorshipUpdate>
{
    public void Configure(EntityTypeBuilder<MentorshipUpdate> b)
    {
        b.ToTable("mentorship_updates");
        b.HasOne(u => u.Mentorship).WithMany(m => m.Updates).HasForeignKey(u => u.MentorshipId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(u => new { u.MentorshipId, u.At });
        b.Property(u => u.Message).HasMaxLength(2000);
        b.Property(u => u.At).HasDefaultValueSql("now()");
    }
}
