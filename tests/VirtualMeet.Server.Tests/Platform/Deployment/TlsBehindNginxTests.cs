using System.Net;
using System.Net.Security;
using System.Security.Authentication;
using System.Security.Cryptography.X509Certificates;
using VirtualMeet.Contracts;
using VirtualMeet.Testing;

namespace VirtualMeet.Server.Tests.Platform.Deployment;

/// <summary>
/// The topology with TLS: nginx serves https and wss with a server certificate from a CA that openssl makes for this
/// test, and clients that trust only that CA sign in and open a hub connection through it.
/// </summary>
[Collection(LocalTopologies.Name)]
public sealed class TlsBehindNginxTests
{
    [Fact]
    public async Task ClientsTrustingTheCaSignInOverHttpsAndOpenAHubOverWss()
    {
        var cancellationToken = TestContext.Current.CancellationToken;
        var certificates = Directory.CreateTempSubdirectory("vm-topology-tls-");
        try
        {
            var authority = await TestCertificateAuthority.CreateAsync(certificates.FullName, cancellationToken);
            await using var topology = await LocalTopology.UpAsync(cancellationToken, new Dictionary<string, string>
            {
                ["VM_TLS_CERT"] = authority.ServerCertificatePath,
                ["VM_TLS_KEY"] = authority.ServerKeyPath,
            });
            using var ca = X509CertificateLoader.LoadCertificateFromFile(authority.CertificatePath);
            var trustTheCa = TrustOnly(ca);

            using var https = new HttpClient(new SocketsHttpHandler { SslOptions = { RemoteCertificateValidationCallback = trustTheCa } })
            {
                BaseAddress = topology.NginxTlsUrl,
                Timeout = TestTimeouts.Default,
            };
            using (var ready = await https.GetAsync("/health/ready", cancellationToken))
            {
                Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
            }

            var token = await LocalTopology.OrganizerTokenAsync(https, cancellationToken);

            // The browser's way: wss with the token in the URL, encrypted on the wire.
            await using (await HubWebSocket.OpenAsync(
                topology.NginxTlsUrl, HubRoutes.Diagnostics, "access_token=" + Uri.EscapeDataString(token), cancellationToken, trustTheCa))
            {
            }

            // A client that does not trust the test CA is turned away: the certificate is what is checked.
            using var untrusting = new HttpClient { BaseAddress = topology.NginxTlsUrl, Timeout = TestTimeouts.Default };
            var refused = await Assert.ThrowsAsync<HttpRequestException>(() => untrusting.GetAsync("/health/ready", cancellationToken));
            Assert.IsType<AuthenticationException>(refused.InnerException);
        }
        finally
        {
            certificates.Delete(recursive: true);
        }
    }

    /// <summary>Accepts a server certificate only when it chains to <paramref name="ca"/> and names the host it was asked for.</summary>
    private static RemoteCertificateValidationCallback TrustOnly(X509Certificate2 ca) => (_, certificate, _, errors) =>
    {
        if (certificate is null || (errors & ~SslPolicyErrors.RemoteCertificateChainErrors) != SslPolicyErrors.None)
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.Add(ca);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        return chain.Build(new X509Certificate2(certificate));
    };
}
