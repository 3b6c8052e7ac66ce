namespace FrontrunnerAtlas.Api.Catalogue;

/// <summary>A key performance indicator as the source states it.</summary>
public sealed class Kpi
{
    public string Name { get; set; } = "";
    public double? Value { get; set; }
    public string? Unit { get; set; }
}

/// <summary>A document or link about a practice; the URL is empty when the source names a document without one.</summary>
public sealed class DocumentLink
{
    public string Title { get; set; } = "";
    public string? Url { get; set; }
}
