using System.Globalization;
using System.Text;
using Lucene.Net.Analysis.Miscellaneous;

namespace FrontrunnerAtlas.Api.Towns;

/// <summary>
/// The one folding of a town name, used for the stored name_folded, the index and every query, so that they
/// always agree: "Saint-Étienne" and "saint etienne" are both "saint etienne"; "Kościerzyna" is "koscierzyna".
/// </summary>
public static class TownNames
{
    /// <summary>
    /// Lower case, diacritics removed by Lucene's ASCII folding (õ→o, ł→l, ß→ss, æ→ae; Cyrillic stays Cyrillic),
    /// and every run of other characters (spaces, hyphens, apostrophes, brackets) turned into one space.
    /// </summary>
    public static string Fold(string text)
    {
        // Composed first: a "õ" typed as "o" + a combining tilde folds as the single letter does.
        var input = text.Normalize(NormalizationForm.FormC).ToCharArray();
        // One character folds into at most four ("ǅ" → "DZ" is two; the filter's own buffers allow four).
        var output = new char[input.Length * 4];
        var length = ASCIIFoldingFilter.FoldToASCII(input, 0, output, 0, input.Length);
        var folded = new StringBuilder(length);
        var gap = false;
        for (var i = 0; i < length; i++)
        {
            var c = output[i];
            if (CharUnicodeInfo.GetUnicodeCategory(c) is UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark) continue;
            if (!char.IsLetterOrDigit(c)) { gap = true; continue; }
            if (gap && folded.Length > 0) folded.Append(' ');
            gap = false;
            folded.Append(char.ToLowerInvariant(c));
        }
        return folded.ToString();
    }

    public static string[] Words(string folded) => folded.Split(' ', StringSplitOptions.RemoveEmptyEntries);
}
