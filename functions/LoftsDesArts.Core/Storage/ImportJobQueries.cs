namespace LoftsDesArts.Core.Storage;

/// <summary>The queries the import-job recovery needs (admin-side, cross-partition).</summary>
public static class ImportJobQueries
{
    public const string StatusesParameter = "statuses";

    /// <summary>Jobs still staging or committing in the buildings container, oldest update first.</summary>
    public static readonly QuerySpec OpenInBuildings = Open(Containers.Buildings);

    public static readonly IReadOnlyList<QuerySpec> All = [OpenInBuildings];

    public static QuerySpec Open(ContainerSpec container) => new(
        $"import-jobs.open.{container.Name}",
        container,
        ImportJobDocument.DocumentType,
        [new QueryFilter("status", FilterOperator.In, StatusesParameter)],
        new QuerySort("updatedAt"),
        CrossPartition: true);

    public static QueryArgs OpenArgs() => new()
    {
        [StatusesParameter] = new[] { ImportJobStatus.Staging, ImportJobStatus.Committing },
    };
}
