// The X.509 network mode: every request must present the controller certificate saved at
// instance creation, byte for byte (the APS runtimes' check; docs/host.md).
import { X509Certificate } from "node:crypto";
import { ApsError } from "./errors.js";

export const CERT_MISMATCH = "Provided certificate does not match saved APSC certificate!";

/**
 * An onRequest hook refusing (403) a request whose TLS client certificate is not `savedPem`.
 * `skip(request)` exempts a route (the host's /health, for load-balancer probes). The server must
 * ask for client certificates (`https: {requestCert: true, rejectUnauthorized: false}`).
 */
export function certificateCheck(savedPem, { skip = () => false } = {}) {
  const saved = new X509Certificate(savedPem);
  return (request, reply, done) => {
    if (skip(request)) return done();
    const peer = request.raw.socket.getPeerCertificate?.();
    if (!peer?.raw || !saved.raw.equals(peer.raw)) {
      request.log.warn({ peerFingerprint256: peer?.fingerprint256 }, "client certificate refused");
      return done(new ApsError(403, "CertificateMismatch", CERT_MISMATCH));
    }
    done();
  };
}
