namespace FrontrunnerAtlas.Api.Catalogue;

// Stored as PostgreSQL enums (see AtlasDbContext) so the database itself rejects unknown values.

/// <summary>The three pillars of integrated planning that MULTIPLY and the seeds combine.</summary>
public enum Theme { Energy, Mobility, SpatialPlanning }

public enum PlaceKind { City, Municipality, Region, VillageArea }

/// <summary>Frontrunners have done integrated work others learn from; followers want to learn; peers exchange.</summary>
public enum PlaceRole { Frontrunner, Follower, Peer }

public enum InitiativeKind { Network, Project, Programme, Forum }

public enum MembershipRole { LeadPartner, Partner, Member, Forerunner, Committed, Host, CoInitiator, Participant, Follower }

public enum MentorshipStatus { Planned, Requested, Accepted, Active, Completed, Declined }

public enum PublicationStatus { Draft, Published }

public enum CommitmentKind { ClimateTarget, Programme, NetworkCommitment }

public enum ApiRole { Editor, Reviewer, PlaceRepresentative }

/// <summary>Where a place's role comes from: stated by a seed, by an outside source, or the curators' reading.</summary>
public enum RoleSource { Seed, External, Reading }
