import NIOConcurrencyHelpers

extension NIOLockedValueBox {
    /// `withLockedValue` keeping the error type (the NIO one rethrows `any Error`).
    func withTypedLock<T>(_ body: (inout Value) throws(StorageError) -> T) throws(StorageError) -> T {
        let result: Result<T, StorageError> = withLockedValue { value in
            Result { () throws(StorageError) -> T in try body(&value) }
        }
        return try result.get()
    }
}
