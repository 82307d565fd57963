using LoftsDesArts.Core.Access;
using LoftsDesArts.Core.Common;
using LoftsDesArts.Core.Realtime;

namespace LoftsDesArts.Core.Tests.Realtime;

public sealed class RealtimeMembershipsTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 2, 14, 0, 0, TimeSpan.Zero);

    [Fact]
    public void GroupsOf_StaffAndResidentMemberships_StaffGroupPerBuildingAndUnitGroupPerUnit()
    {
        var caller = Caller(
            new Membership("b1", null, Role.FrontDesk),
            new Membership("b1", null, Role.Manager),
            new Membership("b2", "u12", Role.Resident),
            new Membership("b1", "u305", Role.Resident),
            new Membership("b3", null, Role.Board));

        Assert.Equal(["staff.b1", "staff.b3", "unit.b1.u305", "unit.b2.u12"], RealtimeMemberships.GroupsOf(caller, Now));
    }

    [Fact]
    public void GroupsOf_ExpiredMembership_Left()
    {
        var caller = Caller(
            new Membership("b1", "u305", Role.Resident, ExpiresAt: Now),
            new Membership("b1", "u306", Role.Resident, ExpiresAt: Now.AddDays(1)),
            new Membership("b2", null, Role.Admin, ExpiresAt: Now.AddSeconds(-1)));

        Assert.Equal(["unit.b1.u306"], RealtimeMemberships.GroupsOf(caller, Now));
    }

    [Fact]
    public void GroupOf_ResidentWithoutUnit_NoGroup()
    {
        Assert.Null(RealtimeMemberships.GroupOf(new Membership("b1", null, Role.Resident)));
        Assert.Empty(RealtimeMemberships.GroupsOf(Caller(), Now));
    }

    private static CallerPrincipal Caller(params Membership[] memberships) =>
        new("user-1", "session-1", AccountKind.Resident, EmailVerified: true, Language.Fr, memberships);
}
