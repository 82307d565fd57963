using LoftsDesArts.Core.Storage;

namespace LoftsDesArts.Core.Identity;

/// <summary>The identity feature's named queries.</summary>
public static class IdentityQueries
{
    /// <summary>A user's sessions, newest first (single partition: the user).</summary>
    public static readonly QuerySpec SessionsOfUser = new(
        "sessions-of-user",
        Containers.Users,
        "session",
        [],
        new QuerySort("createdAt", Descending: true));

    public static IEnumerable<QuerySpec> All => [SessionsOfUser];
}
