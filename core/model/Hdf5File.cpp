#include "core/model/Hdf5File.h"

#include "core/util/Error.h"

#include <cstring>

namespace kg::hdf5 {

std::string errorDetail()
{
    std::string detail;
    H5Ewalk2(
        H5E_DEFAULT, H5E_WALK_UPWARD,
        [](unsigned, const H5E_error2_t* error, void* data) -> herr_t {
            auto* text = static_cast<std::string*>(data);
            if (text->empty() && error->desc && *error->desc)
                *text = error->desc;
            return 0;
        },
        &detail);
    H5Eclear2(H5E_DEFAULT);
    return detail;
}

std::string withDetail(const std::string& message)
{
    const std::string detail = errorDetail();
    return detail.empty() ? message : message + " (HDF5: " + detail + ")";
}

bool isHdf5File(const std::string& path)
{
#if H5_VERSION_GE(1, 12, 0)
    return H5Fis_accessible(path.c_str(), H5P_DEFAULT) > 0;
#else
    return H5Fis_hdf5(path.c_str()) > 0;
#endif
}

Handle openReadOnly(const std::string& path)
{
    return Handle(H5Fopen(path.c_str(), H5F_ACC_RDONLY, H5P_DEFAULT), H5Fclose);
}

bool hasAttribute(hid_t object, const std::string& name) { return H5Aexists(object, name.c_str()) > 0; }

bool hasLink(hid_t group, const std::string& name) { return H5Lexists(group, name.c_str(), H5P_DEFAULT) > 0; }

Handle openGroup(hid_t parent, const std::string& name)
{
    return Handle(H5Gopen2(parent, name.c_str(), H5P_DEFAULT), H5Gclose);
}

bool isGroup(hid_t parent, const std::string& name)
{
    if (!hasLink(parent, name))
        return false;
    Handle object(H5Oopen(parent, name.c_str(), H5P_DEFAULT), H5Oclose);
    return object.valid() && H5Iget_type(object.get()) == H5I_GROUP;
}

std::vector<std::string> childNames(hid_t group)
{
    H5G_info_t info{};
    if (H5Gget_info(group, &info) < 0)
        return {};
    std::vector<std::string> names;
    for (hsize_t i = 0; i < info.nlinks; ++i) {
        const ssize_t size = H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, nullptr, 0, H5P_DEFAULT);
        if (size < 0)
            continue;
        std::string name(static_cast<size_t>(size) + 1, '\0');
        H5Lget_name_by_idx(group, ".", H5_INDEX_NAME, H5_ITER_INC, i, name.data(), name.size(), H5P_DEFAULT);
        name.resize(static_cast<size_t>(size));
        names.push_back(name);
    }
    return names;
}

std::vector<std::string> readStrings(const std::string& path, hid_t object, const std::string& name)
{
    Handle attribute(H5Aopen(object, name.c_str(), H5P_DEFAULT), H5Aclose);
    if (!attribute.valid())
        throw Error(path, withDetail("cannot open the attribute '" + name + "'"));
    Handle type(H5Aget_type(attribute.get()), H5Tclose);
    Handle space(H5Aget_space(attribute.get()), H5Sclose);
    const hssize_t count = H5Sget_simple_extent_npoints(space.get());
    if (!type.valid() || !space.valid() || count < 0)
        throw Error(path, withDetail("cannot read the attribute '" + name + "'"));
    if (H5Tget_class(type.get()) != H5T_STRING) {
        if (count == 0)
            return {};
        throw Error(path, "the attribute '" + name + "' holds no strings: this is not a Keras weights file");
    }
    std::vector<std::string> strings;
    if (H5Tis_variable_str(type.get()) > 0) {
        std::vector<char*> buffer(static_cast<size_t>(count), nullptr);
        if (H5Aread(attribute.get(), type.get(), buffer.data()) < 0)
            throw Error(path, withDetail("cannot read the attribute '" + name + "'"));
        for (char* text : buffer)
            strings.emplace_back(text ? text : "");
#if H5_VERSION_GE(1, 12, 0)
        H5Treclaim(type.get(), space.get(), H5P_DEFAULT, buffer.data());
#else
        H5Dvlen_reclaim(type.get(), space.get(), H5P_DEFAULT, buffer.data());
#endif
    } else {
        const size_t size = H5Tget_size(type.get());
        std::vector<char> buffer(size * static_cast<size_t>(count), '\0');
        if (size == 0 || H5Aread(attribute.get(), type.get(), buffer.data()) < 0)
            throw Error(path, withDetail("cannot read the attribute '" + name + "'"));
        for (hssize_t i = 0; i < count; ++i) {
            const char* begin = buffer.data() + static_cast<size_t>(i) * size;
            strings.emplace_back(begin, strnlen(begin, size));
        }
    }
    return strings;
}

std::string readScalarString(const std::string& path, hid_t object, const std::string& name)
{
    if (!hasAttribute(object, name))
        return {};
    const auto strings = readStrings(path, object, name);
    return strings.empty() ? std::string() : strings.front();
}

std::vector<int64_t> datasetShape(const std::string& path, hid_t file, const std::string& dataset, const std::string& what)
{
    Handle data(H5Dopen2(file, dataset.c_str(), H5P_DEFAULT), H5Dclose);
    if (!data.valid())
        throw Error(path, withDetail(what + " is listed but its dataset " + dataset + " is missing: the file is damaged"));
    Handle space(H5Dget_space(data.get()), H5Sclose);
    const int rank = space.valid() ? H5Sget_simple_extent_ndims(space.get()) : -1;
    if (rank < 0)
        throw Error(path, withDetail("cannot read the shape of " + what));
    std::vector<hsize_t> dims(static_cast<size_t>(rank));
    H5Sget_simple_extent_dims(space.get(), dims.data(), nullptr);
    return {dims.begin(), dims.end()};
}

Handle openDataset(hid_t file, const std::string& dataset)
{
    return Handle(H5Dopen2(file, dataset.c_str(), H5P_DEFAULT), H5Dclose);
}

bool holdsFloats(hid_t dataset)
{
    Handle type(H5Dget_type(dataset), H5Tclose);
    return type.valid() && H5Tget_class(type.get()) == H5T_FLOAT;
}

bool readFloats(hid_t dataset, float* out)
{
    return H5Dread(dataset, H5T_NATIVE_FLOAT, H5S_ALL, H5S_ALL, H5P_DEFAULT, out) >= 0;
}

} // namespace kg::hdf5
