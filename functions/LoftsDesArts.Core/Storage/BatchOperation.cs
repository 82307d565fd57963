namespace LoftsDesArts.Core.Storage;

public enum BatchOperationKind
{
    Create,
    Replace,
    Upsert,
    Delete,
}

/// <summary>
/// One operation of a transactional batch within one partition. <see cref="Document"/> is serialized
/// with its runtime type; it must carry <c>id</c> and the container's partition key property.
/// </summary>
public sealed record BatchOperation(BatchOperationKind Kind, string Id, object? Document, string? IfMatch)
{
    public static BatchOperation Create(string id, object document) => new(BatchOperationKind.Create, id, document, null);

    public static BatchOperation Replace(string id, object document, string ifMatch) =>
        new(BatchOperationKind.Replace, id, document, ifMatch);

    public static BatchOperation Upsert(string id, object document, string? ifMatch = null) =>
        new(BatchOperationKind.Upsert, id, document, ifMatch);

    public static BatchOperation Delete(string id, string? ifMatch = null) =>
        new(BatchOperationKind.Delete, id, null, ifMatch);
}
