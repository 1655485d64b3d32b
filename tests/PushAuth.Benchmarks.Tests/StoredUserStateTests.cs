using System.Text;
using PushAuth.Benchmarks.Approvals;

namespace PushAuth.Benchmarks.Tests;

public class StoredUserStateTests
{
    [Fact]
    public void The_breakdown_names_the_largest_members_one_level_deep_with_their_share()
    {
        var row = Encoding.UTF8.GetBytes("""{"userId":"alice","challenges":[{"id":"ch_1234567890"},{"id":"ch_1234567890"}],"push":{"recentApprovals":[1,2,3,4,5,6,7,8,9],"rules":[]},"owed":{}}""");

        var breakdown = StoredUserState.Breakdown(row, top: 3);

        // Of 147 bytes: "challenges":[…] is 60, "recentApprovals":[…] 37, "userId":"alice" 16.
        Assert.Equal(147, row.Length);
        Assert.Equal("challenges 60 B (41 %), push.recentApprovals 37 B (25 %), userId 16 B (11 %)", breakdown);
    }
}
