namespace FrontrunnerAtlas.Api.Curation;

/// <summary>
/// Raw SQL on public paths reads curated tables only through these: the same published-only rule that the EF
/// query filter gives every <see cref="ICurated"/> entity. (Raw SQL stays where EF cannot say it: distances on
/// the spheroid through the geography index, and the index feed's one-statement batch.)
/// </summary>
public static class CuratedSql
{
    public const string Places = "(SELECT * FROM places WHERE status = 'published')";
    public const string Practices = "(SELECT * FROM practices WHERE status = 'published')";
    public const string Initiatives = "(SELECT * FROM initiatives WHERE status = 'published')";
    public const string Memberships = "(SELECT * FROM memberships WHERE status = 'published')";
}
