using System.Globalization;
using System.Text.RegularExpressions;

namespace FrontrunnerAtlas.Api.Map;

/// <summary>One sortby key: a queryable property, ascending or descending ("-population").</summary>
public sealed record SortKey(string Property, bool Descending)
{
    public override string ToString() => (Descending ? "-" : "") + Property;
}

/// <summary>
/// An OGC datetime as whole UTC days, either end open (null). Event dates are days, so an instant or an
/// interval end with a time of day counts for the UTC day it falls on; the interval is closed at both ends.
/// </summary>
public sealed record DayInterval(DateOnly? From, DateOnly? To)
{
    /// <summary>The canonical form, for cache keys ("2022-10-12/..").</summary>
    public override string ToString() => $"{Format(From)}/{Format(To)}";

    private static string Format(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "..";
}

/// <summary>Parsing of the OGC API - Features query parameters beyond bbox and limit: sortby, properties, datetime.</summary>
public static partial class OgcParameters
{
    /// <summary>sortby=name,-population (a leading '+' is ascending, as OGC writes it); error names the unknown keys.</summary>
    public static bool TrySortBy(string? text, IReadOnlyCollection<string> sortable, out List<SortKey> keys, out string? error)
    {
        keys = [];
        error = null;
        if (string.IsNullOrWhiteSpace(text)) return true;
        var unknown = new List<string>();
        foreach (var raw in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var descending = raw.StartsWith('-');
            var name = raw.TrimStart('-', '+', ' ');
            if (!sortable.Contains(name)) { unknown.Add(raw); continue; }
            if (keys.Any(k => k.Property == name)) { error = $"sortby names '{name}' twice."; return false; }
            keys.Add(new SortKey(name, descending));
        }
        if (unknown.Count > 0)
            error = $"sortby: unknown or unsortable {(unknown.Count == 1 ? "property" : "properties")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                    $"sortable: {string.Join(", ", sortable)} (see the collection's queryables).";
        return error is null;
    }

    /// <summary>properties=a,b: which feature properties to return; error names the unknown ones.</summary>
    public static bool TryProperties(string? text, IReadOnlyCollection<string> known, out List<string>? names, out string? error)
    {
        names = null;
        error = null;
        if (text is null) return true;
        names = text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Distinct().ToList();
        var unknown = names.Where(n => !known.Contains(n)).ToList();
        if (unknown.Count == 0) return true;
        error = $"properties: unknown {(unknown.Count == 1 ? "property" : "properties")} {string.Join(", ", unknown.Select(u => $"'{u}'"))}; " +
                $"this collection's properties: {string.Join(", ", known)}.";
        return false;
    }

    /// <summary>
    /// datetime as OGC API - Features Part 1 takes it: an RFC 3339 date or date-time ("2022-10-12",
    /// "2022-10-12T00:00:00Z"), or an interval "a/b", "../b", "a/.." (an empty end is open too).
    /// </summary>
    public static bool TryDateTime(string? text, out DayInterval? interval, out string? error)
    {
        interval = null;
        error = null;
        if (string.IsNullOrEmpty(text)) return true;
        const string expected = "datetime must be an RFC 3339 date or date-time (2022-10-12, 2022-10-12T00:00:00Z) or an interval of two (a/b, ../b, a/..).";
        var parts = text.Split('/');
        if (parts.Length > 2) { error = expected; return false; }
        if (parts.Length == 1)
        {
            if (!TryInstant(parts[0], out var day)) { error = expected; return false; }
            interval = new DayInterval(day, day);
            return true;
        }
        DateOnly? from = null, to = null;
        if (parts[0] is not ("" or "..")) { if (!TryInstant(parts[0], out var d)) { error = expected; return false; } from = d; }
        if (parts[1] is not ("" or "..")) { if (!TryInstant(parts[1], out var d)) { error = expected; return false; } to = d; }
        if (from is null && to is null) { error = "datetime: an interval needs at least one end (not ../..)."; return false; }
        if (from > to) { error = $"datetime: the interval's start {from:yyyy-MM-dd} is after its end {to:yyyy-MM-dd}."; return false; }
        interval = new DayInterval(from, to);
        return true;
    }

    private static bool TryInstant(string text, out DateOnly day)
    {
        day = default;
        if (DateOnlyPattern().IsMatch(text))
            return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day);
        if (!DateTimePattern().IsMatch(text)
            || !DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var instant))
            return false;
        day = DateOnly.FromDateTime(instant.UtcDateTime);
        return true;
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}$")]
    internal static partial Regex DateOnlyPattern();

    /// <summary>RFC 3339 date-time: a time of day and an offset ("Z" or "+02:00") are both required.</summary>
    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d{1,9})?([Zz]|[+-]\d{2}:\d{2})$")]
    internal static partial Regex DateTimePattern();
}
