import BitTorrentCore
import BitTorrentStorage
import NIOCore

extension TorrentController {
    /// A block the session accepted: into the write buffer on the loop when it fits, else via the pool.
    func write(_ block: BlockRequest, data: ByteBuffer) {
        guard let storage else { return }
        if let outcome = storage.bufferInMemory(block, data: data) {
            written(block, outcome: outcome)
            return
        }
        // Copied out of the receive buffer, so a queued write pins 16 KiB, not the whole read it came in.
        var compact = ByteBufferAllocator().buffer(capacity: data.readableBytes)
        compact.writeImmutableBuffer(data)
        let bytes = data.readableBytes
        diskWorkStarted(bytes)
        loop.makeFutureWithTask { [compact] in try await storage.write(block, data: compact) }.whenComplete { [self] result in
            diskWorkFinished(bytes)
            switch result {
            case .success(let outcome):
                written(block, outcome: outcome)
                flushLinks()
            case .failure(let error):
                fail("could not write to \(directory): \(error)")
            }
        }
    }

    private func written(_ block: BlockRequest, outcome: TorrentStorage.BlockOutcome) {
        guard session != nil else { return }
        switch outcome {
        case .buffered, .written: perform(session!.blockWritten(block))
        case .ignored: break
        }
    }

    func verify(piece: Int, blockDigests: Bool) {
        guard let storage else { return }
        let bytes = metainfo?.layout.length(ofPiece: piece) ?? 0
        diskWorkStarted(bytes)
        loop.makeFutureWithTask { try await storage.verify(piece: piece, blockDigests: blockDigests) }.whenComplete { [self] result in
            diskWorkFinished(bytes)
            guard session != nil else { return }
            switch result {
            case .success(let verification):
                if !verification.matches { hashFailures += 1 }
                perform(session!.pieceChecked(piece, matches: verification.matches, blockDigests: verification.blockDigests))
                if piecesSinceFlush >= 64 { persistResume(closing: false) }
                flushLinks()
            case .failure(let error):
                fail("could not verify piece \(piece) in \(directory): \(error)")
            }
        }
    }

    /// A peer's request: served when the upload limit allows, later otherwise.
    func readForUpload(_ block: BlockRequest, peer: PeerHandle) {
        guard let storage else { return }
        let now = ContinuousClock.now
        let delay = max(uploadBucket.delayUntilPositive(now: now), engine.uploadBucket.delayUntilPositive(now: now))
        uploadBucket.spend(block.length, now: now)
        engine.uploadBucket.spend(block.length, now: now)
        let read: @Sendable () -> Void = { [self] in
            loop.makeFutureWithTask { try await storage.read(block) }.whenComplete { [self] result in
                guard session != nil, let link = links[peer], case .success(let data) = result else { return }
                let actions = session!.blockRead(block, for: peer, data: data)
                // Counted only when the session sends it (a request cancelled meanwhile is dropped).
                let sent = actions.contains { if case .send(_, .piece) = $0 { true } else { false } }
                perform(actions)
                if sent {
                    let now = ContinuousClock.now
                    uploadedBytes += data.readableBytes
                    link.uploadMeter.record(data.readableBytes, now: now)
                    uploadMeter.record(data.readableBytes, now: now)
                    lastUploadAt = now
                }
                flushLinks()
            }
        }
        if delay > .zero {
            loop.scheduleTask(in: TimeAmount(delay)) { read() }
        } else {
            read()
        }
    }

    /// Syncs verified pieces and saves what the storage vouches for; one at a time.
    func persistResume(closing: Bool) {
        guard let storage, session != nil, !flushInFlight else { return }
        flushInFlight = true
        piecesSinceFlush = 0
        lastFlush = .now
        let store = resumeStore
        let infoHash = self.infoHash
        loop.makeFutureWithTask {
            let state = closing ? try await storage.close() : try await storage.flush()
            try await store?.save(state, for: infoHash)
        }.whenComplete { [self] result in
            flushInFlight = false
            if case .failure(let error) = result { fail("could not save resume data for \(name): \(error)") }
        }
    }
}
