namespace LoftsDesArts.Core.Storage;

public static class DocumentStoreExtensions
{
    /// <summary>Every page of a named query. For lists that are small by nature (a unit's codes, a user's sessions).</summary>
    public static async Task<IReadOnlyList<Stored<T>>> QueryAllStoredAsync<T>(this IDocumentStore store, QuerySpec query, string? partitionKey, QueryArgs args, CancellationToken cancellationToken)
    {
        var all = new List<Stored<T>>();
        string? continuation = null;
        do
        {
            var page = await store.QueryAsync<T>(query, partitionKey, args, 100, continuation, cancellationToken).ConfigureAwait(false);
            all.AddRange(page.Items);
            continuation = page.Continuation;
        }
        while (continuation is not null);
        return all;
    }

    public static async Task<IReadOnlyList<T>> QueryAllAsync<T>(this IDocumentStore store, QuerySpec query, string? partitionKey, QueryArgs args, CancellationToken cancellationToken) =>
        [.. (await store.QueryAllStoredAsync<T>(query, partitionKey, args, cancellationToken).ConfigureAwait(false)).Select(s => s.Value)];
}
