using FrontrunnerAtlas.Api.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FrontrunnerAtlas.Api.Initiatives;

internal sealed class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> b)
    {
        b.HasSlugKey("initiatives");
        b.ToTable("initiatives", t =>
        {
            t.HasCheckConstraint("ck_initiatives_budget", "budget_amount >= 0");
            t.HasCheckConstraint("ck_initiatives_period", "end_date IS NULL OR start_date IS NULL OR end_date >= start_date");
        });
        b.Property(i => i.Name).HasMaxLength(300);
    }
}

internal sealed class MembershipConfiguration : IEntityTypeConfiguration<Membership>
{
    public void Configure(EntityTypeBuilder<Membership> b)
    {
        b.ToTable("memberships");
        b.HasIndex(m => new { m.PlaceId, m.InitiativeId, m.Role }).IsUnique();
        b.HasOne(m => m.Place).WithMany(p => p.Memberships).HasForeignKey(m => m.PlaceId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.Initiative).WithMany(i => i.Memberships).HasForeignKey(m => m.InitiativeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class EventConfiguration : IEntityTypeConfiguration<Event>
{
    public void Configure(EntityTypeBuilder<Event> b)
    {
        b.HasSlugKey("events");
        b.ToTable("events", t => t.HasCheckConstraint("ck_events_period", "end_date IS NULL OR start_date IS NULL OR end_date >= start_date"));
        b.HasOne(e => e.Initiative).WithMany(i => i.Events).HasForeignKey(e => e.InitiativeId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne(e => e.HostPlace).WithMany(p => p.HostedEvents).HasForeignKey(e => e.HostPlaceId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(e => e.StartDate);
    }
}
