using VirtualMeet.Server.Tests.Infrastructure;

namespace VirtualMeet.Server.Tests.Features.Registrations.Admission;

/// <summary>A bad <c>Registrations:Admission</c> section stops the node at start-up with a message naming the setting.</summary>
public sealed class AdmissionOptionsTests
{
    [Theory]
    [InlineData("Registrations:Admission:MaxInvitationsPerRequest", "0")]
    [InlineData("Registrations:Admission:MaxInvitationsPerRequest", "10001")]
    [InlineData("Registrations:Admission:MaxTicketsPerImport", "0")]
    public async Task LimitsOutOfRangeFailAtStartUpNamingTheKey(string key, string value)
    {
        var message = await RefusedStart.MessageAsync(new Dictionary<string, string?> { [key] = value });

        Assert.Contains(key, message, StringComparison.Ordinal);
    }
}
