namespace FrontrunnerAtlas.Api.Mentors;

/// <summary>
/// Weights of the mentor ranking. Section "Mentors" of the configuration. A score is the weighted sum of
/// components that each lie in 0..1, minus the capacity penalty; every component only grows with more
/// overlap, a shorter distance, a closer size or more shared ties, so the ranking is monotone.
/// </summary>
public sealed class MentorOptions
{
    public const string Section = "Mentors";
    /// <summary>How well the mentor's practices cover the wanted themes and tags.</summary>
    public double CoverageWeight { get; set; } = 0.35;
    /// <summary>How close the mentor's practice texts are to what the follower wants (MoreLikeThis).</summary>
    public double TextWeight { get; set; } = 0.15;
    /// <summary>Nearness: 1 next door, 0.5 at DistanceScaleKm, falling towards 0 beyond.</summary>
    public double DistanceWeight { get; set; } = 0.20;
    public double DistanceScaleKm { get; set; } = 300;
    /// <summary>Similar population (1 for equal, 0 at a 100-fold difference).</summary>
    public double SizeWeight { get; set; } = 0.10;
    /// <summary>Same country (1) or a shared language (0.5).</summary>
    public double LanguageWeight { get; set; } = 0.05;
    /// <summary>Member of a network the follower belongs to.</summary>
    public double NetworkWeight { get; set; } = 0.10;
    /// <summary>Subtracted in full once a mentor carries Capacity open mentorships.</summary>
    public double CapacityPenalty { get; set; } = 0.10;
    public int Capacity { get; set; } = 3;
    /// <summary>An integrated practice (two or more themes) counts this much more than a single-theme one.</summary>
    public double IntegratedBonus { get; set; } = 1.0;
    public int DefaultLimit { get; set; } = 10;
    public int MaxLimit { get; set; } = 50;
}
