using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>Changes an account's memberships document by compare-and-swap.</summary>
public static class Memberships
{
    public static async Task<UserMemberships> ChangeAsync(IDocumentStore store, string userId, Func<UserMemberships, UserMemberships> change, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var stored = await store.ReadAsync<UserMemberships>(Containers.Users, userId, UserMemberships.DocumentId, cancellationToken).ConfigureAwait(false);
            var current = stored?.Value ?? UserMemberships.Empty(userId);
            var next = change(current);
            try
            {
                if (stored is null)
                {
                    await store.CreateAsync(Containers.Users, userId, next.Id, next, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await store.ReplaceAsync(Containers.Users, userId, next.Id, next, stored.ETag, cancellationToken).ConfigureAwait(false);
                }

                return next;
            }
            catch (StoreException ex) when (ex.Failure is StoreFailure.PreconditionFailed or StoreFailure.Conflict)
            {
                // Changed concurrently: apply the change to the newer version.
            }
        }

        throw new StoreException(StoreFailure.PreconditionFailed, $"Memberships of {userId} are too contended.");
    }
}
