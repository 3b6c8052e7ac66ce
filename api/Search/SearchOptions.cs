namespace FrontrunnerAtlas.Api.Search;

/// <summary>The full-text index. Section "Search" of the configuration.</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";
    /// <summary>Folder of the Lucene index. One per service instance: two instances must not share a folder.</summary>
    public string IndexPath { get; set; } = Path.Combine("..", ".atlas", "index");
    /// <summary>Largest page size of /api/search.</summary>
    public int MaxPageSize { get; set; } = 100;
    /// <summary>Default page size of /api/search.</summary>
    public int DefaultPageSize { get; set; } = 20;
    /// <summary>Longest accepted query, in characters.</summary>
    public int MaxQueryLength { get; set; } = 500;
    /// <summary>Most terms (words, phrases, prefixes) in one query.</summary>
    public int MaxClauses { get; set; } = 24;
    /// <summary>Most ids an OData $search hands to PostgreSQL.</summary>
    public int MaxODataMatches { get; set; } = 10000;
    /// <summary>Seconds between change-log polls when no notification arrives (a safety net under LISTEN/NOTIFY).</summary>
    public double PollSeconds { get; set; } = 5;
    /// <summary>Above this many pending changes a full rebuild is cheaper than applying them one by one.</summary>
    public int RebuildThreshold { get; set; } = 20000;
    /// <summary>Expand queries with the multilingual thesaurus (a word in one language also finds its concept's labels in the others).</summary>
    public bool Thesaurus { get; set; } = true;
    /// <summary>A thesaurus file to use instead of the one compiled in (data/thesaurus/concepts.json); empty for that one.</summary>
    public string? ThesaurusPath { get; set; }
    /// <summary>Weight of a thesaurus expansion against the words as typed (1): below 1, so original-language matches rank first.</summary>
    public float ExpansionBoost { get; set; } = 0.25f;
}
