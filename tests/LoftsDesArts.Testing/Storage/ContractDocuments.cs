using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Testing.Storage;

public enum ContractColor
{
    Gold,
    DeepBlue,
}

/// <summary>The document the contract writes, in the buildings container (partition key <c>buildingId</c>).</summary>
public sealed record ContractItem : Document
{
    public const string DocumentType = "contract-item";

    public override string Type => DocumentType;

    public required string BuildingId { get; init; }

    public string? Name { get; init; }

    /// <summary>Folded name, for prefix search.</summary>
    public string? NameKey { get; init; }

    public string? Status { get; init; }

    public int? Rank { get; init; }

    public DateTimeOffset? At { get; init; }

    public ContractColor? Color { get; init; }
}

/// <summary>Another document type in the same partition, with the same properties: queries must not return it.</summary>
public sealed record ContractOther : Document
{
    public const string DocumentType = "contract-other";

    public override string Type => DocumentType;

    public required string BuildingId { get; init; }

    public string? Status { get; init; }

    public int? Rank { get; init; }
}

/// <summary>The named queries the contract runs; adapters create their indexes from this list too.</summary>
public static class ContractQueries
{
    private static readonly ContainerSpec Container = Containers.Buildings;

    public static readonly QuerySpec ByStatus = new(
        "contract.by-status", Container, ContractItem.DocumentType,
        [new("status", FilterOperator.Equal, "status")],
        new QuerySort("rank"));

    public static readonly QuerySpec ByStatusRankDescending = new(
        "contract.by-status-rank-desc", Container, ContractItem.DocumentType,
        [new("status", FilterOperator.Equal, "status")],
        new QuerySort("rank", Descending: true));

    public static readonly QuerySpec ByStatuses = new(
        "contract.by-statuses", Container, ContractItem.DocumentType,
        [new("status", FilterOperator.In, "statuses")],
        new QuerySort("name"));

    /// <summary>rank ≥ min and rank &lt; max.</summary>
    public static readonly QuerySpec RankHalfOpen = new(
        "contract.rank-half-open", Container, ContractItem.DocumentType,
        [new("rank", FilterOperator.GreaterThanOrEqual, "min"), new("rank", FilterOperator.LessThan, "max")],
        new QuerySort("rank"));

    /// <summary>rank &gt; min and rank ≤ max.</summary>
    public static readonly QuerySpec RankOpenClosed = new(
        "contract.rank-open-closed", Container, ContractItem.DocumentType,
        [new("rank", FilterOperator.GreaterThan, "min"), new("rank", FilterOperator.LessThanOrEqual, "max")],
        new QuerySort("rank"));

    public static readonly QuerySpec NamePrefix = new(
        "contract.name-prefix", Container, ContractItem.DocumentType,
        [new("nameKey", FilterOperator.StartsWith, "prefix")],
        new QuerySort("nameKey"));

    public static readonly QuerySpec AtAfter = new(
        "contract.at-after", Container, ContractItem.DocumentType,
        [new("at", FilterOperator.GreaterThan, "since")],
        new QuerySort("at"));

    /// <summary>No sort: ordered by id.</summary>
    public static readonly QuerySpec ByColor = new(
        "contract.by-color", Container, ContractItem.DocumentType,
        [new("color", FilterOperator.Equal, "color")]);

    public static readonly QuerySpec AllByStatus = new(
        "contract.all-by-status", Container, ContractItem.DocumentType,
        [new("status", FilterOperator.Equal, "status")],
        new QuerySort("rank"),
        CrossPartition: true);

    public static readonly IReadOnlyList<QuerySpec> All =
        [ByStatus, ByStatusRankDescending, ByStatuses, RankHalfOpen, RankOpenClosed, NamePrefix, AtAfter, ByColor, AllByStatus];
}
