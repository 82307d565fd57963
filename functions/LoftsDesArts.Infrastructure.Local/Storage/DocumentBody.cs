using System.Text;
using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Infrastructure.Local.Storage;

/// <summary>One write, serialized and checked before the writer lock is taken.</summary>
internal readonly record struct PreparedWrite(BatchOperationKind Kind, string Id, string? Body, int? TtlSeconds, string? IfMatch);

/// <summary>A write as SQLite stores it: the body checked by <see cref="DocumentWrite"/>, as text.</summary>
internal static class DocumentBody
{
    public static PreparedWrite Prepare(ContainerSpec container, string partitionKey, BatchOperationKind kind, string id, object? document, string? ifMatch)
    {
        var (utf8, ttl) = DocumentWrite.Prepare(container, partitionKey, kind, id, document, ifMatch);
        return new PreparedWrite(kind, id, kind == BatchOperationKind.Delete ? null : Encoding.UTF8.GetString(utf8), ttl, ifMatch);
    }
}
