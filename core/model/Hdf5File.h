#pragma once
// Internal to the Keras import (core/model/KerasWeights.cpp): reading an HDF5 file through
// the C API — owned handles, silenced error printing, readable error details, groups, string
// attributes, dataset shapes and float datasets. Functions taking `path` throw kg::Error
// naming it (the file as the user gave it). Not thread-safe with other HDF5 use.
#include <hdf5.h>

#include <cstdint>
#include <string>
#include <vector>

namespace kg::hdf5 {

/// An owned HDF5 identifier, closed with its own close function (H5Gclose, H5Dclose, …).
class Handle {
public:
    using Closer = herr_t (*)(hid_t);
    Handle() = default;
    Handle(hid_t id, Closer close) : id_(id), close_(close) {}
    ~Handle() { reset(); }
    Handle(Handle&& other) noexcept : id_(other.id_), close_(other.close_) { other.id_ = -1; }
    Handle& operator=(Handle&& other) noexcept
    {
        if (this != &other) {
            reset();
            id_ = other.id_;
            close_ = other.close_;
            other.id_ = -1;
        }
        return *this;
    }
    Handle(const Handle&) = delete;
    Handle& operator=(const Handle&) = delete;

    hid_t get() const { return id_; }
    bool valid() const { return id_ >= 0; }

private:
    void reset()
    {
        if (id_ >= 0 && close_)
            close_(id_);
        id_ = -1;
    }
    hid_t id_ = -1;
    Closer close_ = nullptr;
};

/// HDF5 prints its error stack to stderr by default; core never prints. Restores the
/// previous handler (per thread in a thread-safe HDF5) when done.
class SilenceErrors {
public:
    SilenceErrors()
    {
        H5Eget_auto2(H5E_DEFAULT, &function_, &data_);
        H5Eset_auto2(H5E_DEFAULT, nullptr, nullptr);
    }
    ~SilenceErrors() { H5Eset_auto2(H5E_DEFAULT, function_, data_); }
    SilenceErrors(const SilenceErrors&) = delete;
    SilenceErrors& operator=(const SilenceErrors&) = delete;

private:
    H5E_auto2_t function_ = nullptr;
    void* data_ = nullptr;
};

/// The innermost message of the current HDF5 error stack (e.g. "truncated file: eof = …");
/// clears the stack.
std::string errorDetail();
/// `message`, followed by " (HDF5: <errorDetail()>)" when the stack holds one.
std::string withDetail(const std::string& message);

/// Whether `path` is an HDF5 file HDF5 can open (false for other files and unreadable ones).
bool isHdf5File(const std::string& path);
/// Opens `path` read-only; an invalid handle when HDF5 cannot (see errorDetail()).
Handle openReadOnly(const std::string& path);

bool hasAttribute(hid_t object, const std::string& name);
bool hasLink(hid_t group, const std::string& name);
Handle openGroup(hid_t parent, const std::string& name);
/// Whether `parent` has a link `name` that is a group.
bool isGroup(hid_t parent, const std::string& name);
/// The names of the links in `group`, in name order.
std::vector<std::string> childNames(hid_t group);

/// Reads a string or string-array attribute as Keras writes them: NumPy byte-string arrays
/// (fixed length), variable-length strings, or np.asarray([]) (an empty float array) for a
/// layer without weights.
std::vector<std::string> readStrings(const std::string& path, hid_t object, const std::string& name);
/// The first string of the attribute, or "" when the object has no such attribute.
std::string readScalarString(const std::string& path, hid_t object, const std::string& name);

/// The dimensions of `dataset` (an absolute path in `file`); `what` names it in messages.
std::vector<std::int64_t> datasetShape(const std::string& path, hid_t file, const std::string& dataset,
                                       const std::string& what);
Handle openDataset(hid_t file, const std::string& dataset);
/// Whether the dataset stores floating-point numbers (of any width).
bool holdsFloats(hid_t dataset);
/// Reads the whole dataset, converted to native float, into `out` (as many values as it has).
bool readFloats(hid_t dataset, float* out);

} // namespace kg::hdf5
