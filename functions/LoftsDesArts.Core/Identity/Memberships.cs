using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>Changes an account's memberships document by compare-and-swap.</summary>
public static class Memberships
{
    public static Task<UserMemberships> ChangeAsync(IDocumentStore store, string userId, Func<UserMemberships, UserMemberships> change, CancellationToken cancellationToken) =>
        ChangeAsync(store, userId, change, [], cancellationToken);

    /// <summary>
    /// Applies <paramref name="change"/> and, in the same transactional batch of the user's partition,
    /// <paramref name="alsoInPartition"/> (an event document, so that a change-feed handler sees the
    /// change and the event together or neither).
    /// </summary>
    public static async Task<UserMemberships> ChangeAsync(IDocumentStore store, string userId, Func<UserMemberships, UserMemberships> change, IReadOnlyList<BatchOperation> alsoInPartition, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alsoInPartition);
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var stored = await store.ReadAsync<UserMemberships>(Containers.Users, userId, UserMemberships.DocumentId, cancellationToken).ConfigureAwait(false);
            var current = stored?.Value ?? UserMemberships.Empty(userId);
            var next = change(current);
            try
            {
                if (alsoInPartition.Count > 0)
                {
                    var write = stored is null ? BatchOperation.Create(next.Id, next) : BatchOperation.Replace(next.Id, next, stored.ETag);
                    await store.ExecuteBatchAsync(Containers.Users, userId, [write, .. alsoInPartition], cancellationToken).ConfigureAwait(false);
                }
                else if (stored is null)
                {
                    await store.CreateAsync(Containers.Users, userId, next.Id, next, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await store.ReplaceAsync(Containers.Users, userId, next.Id, next, stored.ETag, cancellationToken).ConfigureAwait(false);
                }

                return next;
            }
            catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.Conflict && ex.OperationIndex is null or 0)
            {
                // Changed concurrently: apply the change to the newer version.
            }
        }

        throw new StoreException(StoreFailure.PreconditionFailed, $"Memberships of {userId} are too contended.");
    }
}
