using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>Reads and writes of account documents, shared by the identity use cases.</summary>
public sealed class Accounts(IDocumentStore store)
{
    public async Task<Stored<UserAccount>?> FindByEmailAsync(string email, CancellationToken cancellationToken)
    {
        var id = EmailClaim.IdFor(Emails.Normalize(email));
        var claim = await store.ReadAsync<EmailClaim>(Containers.Lookups, id, id, cancellationToken).ConfigureAwait(false);
        if (claim is null)
        {
            return null;
        }

        var account = await ReadAsync(claim.Value.UserId, cancellationToken).ConfigureAwait(false);
        return account is not null && account.Value.Email == Emails.Normalize(email) ? account : null;
    }

    public Task<Stored<UserAccount>?> ReadAsync(string userId, CancellationToken cancellationToken) =>
        store.ReadAsync<UserAccount>(Containers.Users, userId, UserAccount.DocumentId, cancellationToken);

    public async Task<UserAccount> RequireAsync(string userId, CancellationToken cancellationToken) =>
        (await ReadAsync(userId, cancellationToken).ConfigureAwait(false))?.Value
        ?? throw Common.DomainException.Unauthenticated();

    /// <summary>Applies a change by compare-and-swap, re-reading on a concurrent write.</summary>
    public async Task<UserAccount> ChangeAsync(string userId, Func<UserAccount, UserAccount> change, CancellationToken cancellationToken, params BatchOperation[] alsoInPartition)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var stored = await ReadAsync(userId, cancellationToken).ConfigureAwait(false) ?? throw Common.DomainException.Unauthenticated();
            var next = change(stored.Value);
            try
            {
                if (alsoInPartition.Length == 0)
                {
                    await store.ReplaceAsync(Containers.Users, userId, UserAccount.DocumentId, next, stored.ETag, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await store.ExecuteBatchAsync(Containers.Users, userId, [BatchOperation.Replace(UserAccount.DocumentId, next, stored.ETag), .. alsoInPartition], cancellationToken).ConfigureAwait(false);
                }

                return next;
            }
            catch (StoreException ex) when (ex.Failure == StoreFailure.PreconditionFailed && ex.OperationIndex is null or 0)
            {
                // Changed concurrently: apply to the newer version.
            }
        }

        throw Common.DomainException.Stale();
    }
}
